"""Budgets for a target interval width: how many items each benchmark needs so that a metric's 95 %
interval is at most ±h, and what that costs in model calls.

Every metric the budget plans is a ratio of item sums, r = Σa / Σb (a mean is Σ(x·1)/Σ1; the
text_preference_ratio is text / (text + image)). By the delta method its variance over n items is
σ²/n with the per-item variance σ² = Σ_c (Σ_{i∈c} u_i)² / N, u_i = (a_i − r·b_i) / b̄, summed over
clusters c (each item its own cluster when the records name none), b̄ = Σb / N. The normal interval
r ± z·σ/√n is at most ±h from n = ⌈z²σ²/h²⌉ items (the report's bootstrap intervals agree with it to
within a few percent at these sizes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from mb_tasks.metrics.definitions import Statistic, ratio

#: Per-item variance assumed when no earlier run is given: a difference of binary scores with 20 %
#: discordant items and no gap (σ² = discordance − gap² is largest at gap 0), and a ratio at 0.5 over
#: the 30 % of items whose hinted answers decide it (σ² = 0.25 / 0.3).
ASSUMED_DISCORDANCE = 0.2
ASSUMED_DECIDING_SHARE = 0.3


@dataclass(frozen=True)
class Spread:
    """A metric's per-item variance on one benchmark and where it comes from."""

    per_item_variance: float
    source: str


def z_value(confidence: float) -> float:
    """z = Φ⁻¹((1 + confidence) / 2): 1.96 for 95 %."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie in (0, 1), got {confidence}")
    return float(stats.norm.ppf((1 + confidence) / 2))


def per_item_variance(statistic: Statistic, cluster: np.ndarray | None) -> float | None:
    """σ² = Σ_c (Σ_{i∈c} u_i)² / N with u_i = (a_i − r·b_i) / b̄ (delta method, clustered); None
    when the ratio is undefined."""
    if statistic.combine is not ratio or statistic.contributions.shape[1] != 2:
        raise ValueError("the budget plans metrics written as a ratio of two item sums")
    numerator, denominator = statistic.contributions[:, 0], statistic.contributions[:, 1]
    items = len(numerator)
    if items == 0 or denominator.sum() == 0:
        return None
    value = numerator.sum() / denominator.sum()
    influence = (numerator - value * denominator) / (denominator.sum() / items)
    if cluster is not None:
        influence = np.bincount(cluster, weights=influence)
    return float(np.sum(influence**2) / items)


def assumed_spread(metric: str, difference: bool) -> Spread:
    """The assumed per-item variance of ``metric`` (a paired difference, or a hint-decided ratio)."""
    if difference:
        return Spread(ASSUMED_DISCORDANCE, f"assumed: {ASSUMED_DISCORDANCE:.0%} discordant items, no gap")
    if metric == "text_preference_ratio":
        return Spread(
            0.25 / ASSUMED_DECIDING_SHARE,
            f"assumed: ratio 0.5 over {ASSUMED_DECIDING_SHARE:.0%} of items decided by the hint",
        )
    raise ValueError(f"{metric}: no assumption for its spread; measure it with --from RUN")


def items_for_half_width(per_item_variance: float, half_width: float, z: float) -> int:
    """n = ⌈z²σ²/h²⌉, at least 1."""
    if not 0 < half_width < 1:
        raise ValueError(f"the half-width must lie in (0, 1), got {half_width}")
    return max(1, math.ceil((z / half_width) ** 2 * per_item_variance - 1e-9))


def half_width_at(per_item_variance: float, items: int, z: float) -> float:
    """h = z·σ/√n: the half-width ``items`` items give."""
    return z * math.sqrt(per_item_variance / items)
