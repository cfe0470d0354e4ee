"""The budget's spread, item count and half-width against independent computations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mb_tasks.metrics.definitions import Statistic, ratio
from mb_tasks.planning.budget import (
    assumed_spread,
    half_width_at,
    items_for_half_width,
    per_item_variance,
    z_value,
)


def _mean_statistic(values: np.ndarray) -> Statistic:
    return Statistic(np.column_stack([values, np.ones_like(values)]), ratio, len(values))


def test_the_spread_of_a_mean_is_the_variance_of_the_item_values() -> None:
    values = np.random.default_rng(0).integers(-1, 2, size=500).astype(float)
    assert per_item_variance(_mean_statistic(values), None) == pytest.approx(np.var(values))


def test_the_spread_of_a_ratio_over_deciding_items_is_n_r_1_minus_r_over_m() -> None:
    """text / decided over N items, m of them decided: Var(r) = r(1 - r)/m, so σ² = N·r(1 - r)/m."""
    rng = np.random.default_rng(1)
    decided = (rng.random(400) < 0.3).astype(float)
    text = decided * (rng.random(400) < 0.7)
    r, m = text.sum() / decided.sum(), decided.sum()
    statistic = Statistic(np.column_stack([text, decided]), ratio, int(m))
    assert per_item_variance(statistic, None) == pytest.approx(400 * r * (1 - r) / m)


def test_clustered_spread_matches_a_cluster_bootstrap() -> None:
    """Items sharing a cluster move together: σ²/N is the variance of the mean over resampled clusters."""
    rng = np.random.default_rng(2)
    cluster = np.repeat(np.arange(150), 4)
    values = np.repeat(rng.integers(0, 2, size=150), 4).astype(float) + rng.normal(0, 0.1, size=600)
    sigma2 = per_item_variance(_mean_statistic(values), cluster)
    sums = np.bincount(cluster, weights=values)
    draws = rng.integers(0, 150, size=(4000, 150))
    means = sums[draws].sum(axis=1) / 600
    assert sigma2 / 600 == pytest.approx(np.var(means), rel=0.1)
    assert sigma2 > 3 * np.var(values)  # four items per cluster, nearly identical


def test_undefined_ratio_has_no_spread() -> None:
    statistic = Statistic(np.zeros((5, 2)), ratio, 0)
    assert per_item_variance(statistic, None) is None


def test_items_reach_the_half_width_and_one_fewer_does_not() -> None:
    z = z_value(0.95)
    assert z == pytest.approx(1.959964, abs=1e-6)
    for variance, half_width in ((0.2, 0.02), (0.8333, 0.02), (0.05, 0.1), (0.25, 0.03)):
        n = items_for_half_width(variance, half_width, z)
        assert n == math.ceil(z * z * variance / half_width**2)
        assert half_width_at(variance, n, z) <= half_width < half_width_at(variance, n - 1, z)


def test_assumptions_are_stated_and_unknown_ones_refused() -> None:
    assert assumed_spread("mg_no_image", difference=True).per_item_variance == 0.2
    tpr = assumed_spread("text_preference_ratio", difference=False)
    assert tpr.per_item_variance == pytest.approx(0.25 / 0.3) and "30%" in tpr.source
    with pytest.raises(ValueError, match="hint_norm: no assumption"):
        assumed_spread("hint_norm", difference=False)
    with pytest.raises(ValueError, match="half-width"):
        items_for_half_width(0.2, 0.0, 1.96)
