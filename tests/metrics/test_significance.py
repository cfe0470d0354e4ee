"""McNemar against a direct binomial sum; Holm against its definition."""

from fractions import Fraction
from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mb_tasks.metrics import holm_adjust, mcnemar_exact


def direct_mcnemar(b: int, c: int) -> float:
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(Fraction(comb(n, i), 2**n) for i in range(min(b, c) + 1))
    return float(min(Fraction(1), 2 * tail))


@given(st.integers(0, 300), st.integers(0, 300))
def test_mcnemar_matches_the_binomial_sum(b: int, c: int) -> None:
    assert mcnemar_exact(b, c) == pytest.approx(direct_mcnemar(b, c), rel=1e-9, abs=1e-300)


def test_mcnemar_known_values() -> None:
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(5, 5) == 1.0
    assert mcnemar_exact(0, 5) == pytest.approx(2 / 32)
    assert mcnemar_exact(10, 2) == pytest.approx(2 * (1 + 12 + 66) / 4096)


def brute_holm(p: list[float]) -> list[float]:
    m = len(p)
    ranked = sorted(range(m), key=lambda i: p[i])
    out = [0.0] * m
    for position, index in enumerate(ranked):
        out[index] = max(min(1.0, (m - j) * p[ranked[j]]) for j in range(position + 1))
    return out


@given(st.lists(st.floats(0, 1), min_size=0, max_size=30))
def test_holm_matches_its_definition(p: list[float]) -> None:
    assert holm_adjust(p) == pytest.approx(brute_holm(p))


def test_holm_example() -> None:
    assert holm_adjust([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
