"""Exact McNemar test and Holm's step-down adjustment."""

from __future__ import annotations

from collections.abc import Sequence
from math import lgamma, log

import numpy as np


def discordant_pairs(first: np.ndarray, second: np.ndarray, paired: np.ndarray) -> tuple[int, int]:
    """McNemar's (b, c) = (#[first = 1, second = 0], #[first = 0, second = 1]) over the paired items."""
    b = int((paired & (first == 1) & (second == 0)).sum())
    c = int((paired & (first == 0) & (second == 1)).sum())
    return b, c


def mcnemar_exact(b: int, c: int) -> float:
    """p = min(1, 2 * P(Bin(b + c, 1/2) <= min(b, c))); 1 when b + c = 0."""
    trials = b + c
    if trials == 0:
        return 1.0
    k = np.arange(min(b, c) + 1)
    log_terms = (
        lgamma(trials + 1)
        - np.array([lgamma(i + 1) for i in k])
        - np.array([lgamma(trials - i + 1) for i in k])
        - trials * log(2.0)
    )
    peak = log_terms.max()
    tail = float(np.exp(peak) * np.exp(log_terms - peak).sum())
    return min(1.0, 2.0 * tail)


def holm_adjust(p_values: Sequence[float]) -> list[float]:
    """Holm: the i-th smallest p becomes max over j <= i of min(1, (m - j + 1) * p_(j))."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted
