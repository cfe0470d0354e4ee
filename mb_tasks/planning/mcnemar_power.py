"""Power of the exact two-sided McNemar test for a paired gap, and the items needed to reach it.

Model: each item is independently discordant (scores 1/0 or 0/1 under the two variants) with
probability ``discordance`` = p10 + p01, and the gap is ``delta`` = p10 − p01. Given m discordant
items, b = #[1, 0] ~ Bin(m, p10 / discordance), and the test rejects when
2·P(Bin(m, ½) ≤ min(b, m − b)) ≤ alpha (the p-value DESIGN.md defines). The power at n items sums
that conditional power over m ~ Bin(n, discordance); it is exact, not an approximation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class PairedPlan:
    """The items a paired design needs, with the normal approximation next to the exact figure."""

    items: int
    achieved_power: float
    approximate_items: int
    discordance: float
    delta: float
    power: float
    alpha: float


def _check(delta: float, discordance: float, alpha: float) -> None:
    if not 0 < discordance <= 1:
        raise ValueError(f"discordance must lie in (0, 1], got {discordance}")
    if not 0 < abs(delta) <= discordance:
        raise ValueError(f"|delta| must lie in (0, discordance={discordance}], got delta={delta}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha}")


@lru_cache(maxsize=16)
def _bounds_cached(max_discordant: int, alpha: float) -> np.ndarray:
    counts = np.arange(max_discordant + 1)
    # Smallest k with P(Bin(m, ½) ≤ k) > alpha/2; the rejection region is b ≤ k − 1 (and its mirror).
    lower = stats.binom.ppf(alpha / 2, counts, 0.5).astype(np.int64)
    at_lower = stats.binom.cdf(lower, counts, 0.5)
    # ppf returns the smallest k with cdf ≥ alpha/2; a cdf exactly at alpha/2 still rejects.
    lower = np.where(2 * at_lower <= alpha * (1 + 1e-12), lower, lower - 1)
    return lower


def rejection_bounds(max_discordant: int, alpha: float) -> np.ndarray:
    """Per discordant count m = 0..max_discordant, the largest b rejected in the lower tail (−1: none).

    Rejection at m: b ≤ k_m or b ≥ m − k_m, with k_m the largest k such that 2·P(Bin(m, ½) ≤ k) ≤ alpha.
    """
    return _bounds_cached(int(max_discordant), float(alpha))


def mcnemar_power(items: int, delta: float, discordance: float, alpha: float = 0.05) -> float:
    """Exact power: Σ_m P(Bin(n, P) = m) · P(b ≤ k_m or b ≥ m − k_m | b ~ Bin(m, (P + δ)/(2P)))."""
    _check(delta, discordance, alpha)
    counts = np.arange(items + 1)
    bounds = rejection_bounds(items, alpha)
    share_10 = (discordance + delta) / (2 * discordance)
    # k_m = −1 (no rejection possible) gives cdf(−1) = 0 and sf(m) = 0; k_m < m/2 keeps the tails apart.
    lower_tail = stats.binom.cdf(bounds, counts, share_10)
    upper_tail = stats.binom.sf(counts - bounds - 1, counts, share_10)
    conditional = lower_tail + upper_tail
    weights = stats.binom.pmf(counts, items, discordance)
    return float(np.clip(np.dot(weights, conditional), 0.0, 1.0))


def connor_items(delta: float, discordance: float, power: float = 0.8, alpha: float = 0.05) -> int:
    """Normal approximation (Connor 1987): n = (z_{1−α/2}·√P + z_{power}·√(P − δ²))² / δ²."""
    _check(delta, discordance, alpha)
    z_alpha = stats.norm.ppf(1 - alpha / 2)
    z_power = stats.norm.ppf(power)
    root = z_alpha * math.sqrt(discordance) + z_power * math.sqrt(discordance - delta**2)
    return math.ceil(root**2 / delta**2)


def plan_items(delta: float, discordance: float, power: float = 0.8, alpha: float = 0.05) -> PairedPlan:
    """The smallest n whose exact McNemar power reaches ``power``.

    Exact power saw-tooths in n (the rejection region is discrete): the search bisects between
    bounds around the normal approximation, then steps down while the smaller n still reaches the
    target, so the answer is the first n of its rising stretch that reaches ``power``.
    """
    _check(delta, discordance, alpha)
    if not 0 < power < 1:
        raise ValueError(f"power must lie in (0, 1), got {power}")
    approximate = connor_items(delta, discordance, power, alpha)
    low, high = max(1, approximate // 2), max(2, approximate)
    while low > 1 and mcnemar_power(low, delta, discordance, alpha) >= power:
        low //= 2
    while mcnemar_power(high, delta, discordance, alpha) < power:
        low, high = high, high * 2
    # Bisection on the rising trend (power(low) < target ≤ power(high)), then down the local saw-tooth.
    while high - low > 1:
        middle = (low + high) // 2
        if mcnemar_power(middle, delta, discordance, alpha) >= power:
            high = middle
        else:
            low = middle
    while high > 1 and mcnemar_power(high - 1, delta, discordance, alpha) >= power:
        high -= 1
    candidate = high
    return PairedPlan(
        items=candidate,
        achieved_power=mcnemar_power(candidate, delta, discordance, alpha),
        approximate_items=approximate,
        discordance=discordance,
        delta=delta,
        power=power,
        alpha=alpha,
    )
