"""McNemar power against brute-force enumeration, a simulation, and lmms-eval's own power formula."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mb_tasks.planning import connor_items, mcnemar_power, plan_items, rejection_bounds


def mcnemar_p(b: int, c: int) -> float:
    """DESIGN.md's exact two-sided p-value, written out as a binomial sum."""
    m = b + c
    if m == 0:
        return 1.0
    tail = sum(math.comb(m, i) for i in range(min(b, c) + 1)) / 2**m
    return min(1.0, 2 * tail)


def test_rejection_bounds_match_the_p_value_definition() -> None:
    bounds = rejection_bounds(80, 0.05)
    for m in range(81):
        for b in range(m + 1):
            rejected = b <= bounds[m] or b >= m - bounds[m]
            assert rejected == (mcnemar_p(b, m - b) <= 0.05), (m, b)


@pytest.mark.parametrize(("items", "delta", "discordance"), [(12, 0.3, 0.5), (20, 0.1, 0.4), (25, 0.2, 0.2)])
def test_power_equals_full_enumeration_of_the_multinomial(
    items: int, delta: float, discordance: float
) -> None:
    p10, p01 = (discordance + delta) / 2, (discordance - delta) / 2
    p_same = 1 - discordance
    expected = 0.0
    for b in range(items + 1):
        for c in range(items - b + 1):
            same = items - b - c
            probability = (
                math.factorial(items)
                / (math.factorial(b) * math.factorial(c) * math.factorial(same))
                * p10**b
                * p01**c
                * p_same**same
            )
            if mcnemar_p(b, c) <= 0.05:
                expected += probability
    assert mcnemar_power(items, delta, discordance) == pytest.approx(expected, abs=1e-12)


def test_power_matches_a_simulation_of_paired_items() -> None:
    items, delta, discordance, runs = 400, 0.05, 0.2, 4000
    rng = np.random.default_rng(20261123)
    p10, p01 = (discordance + delta) / 2, (discordance - delta) / 2
    cells = rng.multinomial(items, [p10, p01, 1 - discordance], size=runs)
    rejections = sum(mcnemar_p(int(b), int(c)) <= 0.05 for b, c, _ in cells)
    simulated = rejections / runs
    exact = mcnemar_power(items, delta, discordance)
    standard_error = math.sqrt(exact * (1 - exact) / runs)
    assert abs(simulated - exact) < 4 * standard_error, (simulated, exact)


@pytest.mark.parametrize(("delta", "discordance"), [(0.03, 0.2), (0.05, 0.1), (0.1, 0.3), (-0.04, 0.15)])
def test_plan_is_the_first_n_reaching_the_target(delta: float, discordance: float) -> None:
    plan = plan_items(delta, discordance, power=0.8, alpha=0.05)
    assert mcnemar_power(plan.items, delta, discordance) >= 0.8
    assert mcnemar_power(plan.items - 1, delta, discordance) < 0.8
    # The exact test is a little conservative, so it needs a few percent more than the approximation.
    assert plan.approximate_items <= plan.items <= 1.1 * plan.approximate_items


def test_connor_formula_by_hand() -> None:
    # z_{0.975} = 1.959964, z_{0.8} = 0.841621
    root = 1.959964 * math.sqrt(0.2) + 0.841621 * math.sqrt(0.2 - 0.03**2)
    assert connor_items(0.03, 0.2) == math.ceil(root**2 / 0.03**2)


def test_relation_to_lmms_eval_power() -> None:
    """README claim: lmms-eval's paired z formula with σ_d² = P − δ² sits just below Connor's."""
    from lmms_eval.api.metrics import power_analysis

    delta, discordance = 0.03, 0.2
    correlation = 1 - 2 * (discordance - delta**2)  # std 0.5 each: σ_d² = 0.5 − 0.5ρ
    lmms_items = power_analysis(effect_size=delta, correlation=correlation)["min_n"]
    z = 1.959963984540054 + 0.8416212335729143
    assert lmms_items == math.ceil(z**2 * (discordance - delta**2) / delta**2)
    assert lmms_items <= connor_items(delta, discordance) <= plan_items(delta, discordance).items
    # lmms-eval's defaults (std 0.5, ρ = 0.5) mean σ_d² = 0.25.
    assert power_analysis(effect_size=delta)["min_n"] == math.ceil(z**2 * 0.25 / delta**2)


def test_impossible_gap_is_refused() -> None:
    with pytest.raises(ValueError, match="discordance"):
        plan_items(0.3, 0.2)
