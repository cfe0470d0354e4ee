"""Seeded paired bootstrap over items (or clusters) for metrics written as sums.

Resampling n units with replacement gives each unit a multinomial count. A metric only needs the
resampled sums ``counts @ contributions``, and units with identical contribution rows are
interchangeable, so we draw the multinomial over the distinct rows instead of over units: the same
distribution, exactly, at a cost that depends on the number of distinct rows rather than on n.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mb_tasks.metrics.definitions import Statistic

#: Above this many distinct contribution rows, draw unit indices directly (chunked).
MAX_DISTINCT_ROWS = 2048
_CHUNK_CELLS = 20_000_000


def bootstrap_seed(seed: int, *parts: str) -> int:
    """A stable seed for one metric's resamples (sha256 of the report seed and the metric's name)."""
    digest = hashlib.sha256("\x1f".join([str(seed), *parts]).encode()).digest()
    return int.from_bytes(digest[:8], "little")


def unit_contributions(statistic: Statistic, cluster: np.ndarray | None) -> np.ndarray:
    """Per-unit contribution rows: items, or sums over each cluster when items share clusters."""
    if cluster is None:
        return statistic.contributions
    n_clusters = int(cluster.max()) + 1 if len(cluster) else 0
    summed = np.zeros((n_clusters, statistic.contributions.shape[1]))
    np.add.at(summed, cluster, statistic.contributions)
    return summed


def distinct_rows(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``units`` in lexicographic order, and how often each occurs.

    Hash-based (pandas.factorize) per column rather than ``np.unique(axis=0)``, which sorts whole
    rows and is an order of magnitude slower on 100,000 items.
    """
    codes = np.zeros(units.shape[0], dtype=np.int64)
    for column in units.T:
        column_codes, uniques = pd.factorize(column)
        codes, _ = pd.factorize(codes * len(uniques) + column_codes)
    counts = np.bincount(codes)
    representative = np.empty(len(counts), dtype=np.int64)
    representative[codes] = np.arange(units.shape[0])
    distinct = units[representative]
    order = np.lexsort(distinct.T[::-1])
    return distinct[order], counts[order]


def resampled_sums(units: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Sums of ``resamples`` bootstrap resamples of the rows of ``units``, shape (resamples, columns)."""
    n_units = units.shape[0]
    if n_units == 0:
        return np.zeros((resamples, units.shape[1]))
    distinct, counts = distinct_rows(units)
    if len(distinct) <= MAX_DISTINCT_ROWS:
        weights = rng.multinomial(n_units, counts / n_units, size=resamples)
        return weights @ distinct
    # Sorted rows make the draws independent of the order the records came in.
    units = units[np.lexsort(units.T[::-1])]
    sums = np.empty((resamples, units.shape[1]))
    chunk = max(1, _CHUNK_CELLS // n_units)
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        drawn = rng.integers(0, n_units, size=(stop - start, n_units))
        sums[start:stop] = units[drawn].sum(axis=1)
    return sums


def bootstrap_values(
    statistic: Statistic, cluster: np.ndarray | None, resamples: int, rng: np.random.Generator
) -> np.ndarray:
    """The metric's value on each of ``resamples`` paired resamples of items (or clusters)."""
    units = unit_contributions(statistic, cluster)
    return statistic.combine(resampled_sums(units, resamples, rng))


def percentile_interval(
    replicates: np.ndarray | None, level: float = 0.95
) -> tuple[float | None, float | None]:
    """The central ``level`` percentile interval of the defined replicates; None if there are none
    (no bootstrap, or no defined replicate)."""
    if replicates is None:
        return None, None
    defined = replicates[~np.isnan(replicates)]
    if defined.size == 0:
        return None, None
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(defined, [tail, 100.0 - tail])
    return float(low), float(high)


class ReplicateMean:
    """Replicates averaged over benchmarks resample by resample (each benchmark weighted equally; a
    resample where a benchmark's value is undefined averages the others), added one benchmark at a
    time without keeping them: a running sum and count, equal to the bit to ``np.nanmean`` over the
    stacked replicates (which sums a single column pairwise, so those are kept and stacked)."""

    def __init__(self) -> None:
        self._total: np.ndarray | None = None
        self._count: np.ndarray | None = None
        self._single: list[np.ndarray] = []

    def add(self, replicates: np.ndarray) -> None:
        """Add one benchmark's replicates."""
        if len(replicates) < 2:
            self._single.append(replicates)
            return
        defined = ~np.isnan(replicates)
        if self._total is None or self._count is None:
            self._total, self._count = np.zeros(len(replicates)), np.zeros(len(replicates), dtype=np.intp)
        self._total += np.where(defined, replicates, 0.0)
        self._count += defined

    def mean(self) -> np.ndarray:
        """The averaged replicates (NaN where no benchmark's is defined)."""
        with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN resamples stay NaN
            if self._total is None or self._count is None:
                return np.nanmean(np.stack(self._single), axis=0)
            return self._total / self._count


@dataclass(frozen=True)
class SuiteAverage:
    """A metric averaged over the benchmarks where it is defined, each weighted equally."""

    benchmarks: list[str]
    value: float
    #: The benchmarks' replicates averaged resample by resample; None unless every one was bootstrapped.
    replicates: np.ndarray | None


class SuiteAverages:
    """Every metric's suite average (:class:`SuiteAverage`), from the benchmarks' results and
    replicates added one benchmark at a time (the replicates are not kept)."""

    def __init__(self) -> None:
        self._values: dict[str, list[tuple[str, float]]] = {}
        self._means: dict[str, ReplicateMean] = {}
        self._unbootstrapped: set[str] = set()

    def add(
        self, benchmark: str, results: Mapping[str, Mapping[str, Any]], replicates: Mapping[str, np.ndarray]
    ) -> None:
        """Add one benchmark's results (metric -> {value, ...}) and replicates (metric -> array)."""
        for metric, result in results.items():
            if result.get("value") is None:
                continue
            self._values.setdefault(metric, []).append((benchmark, result["value"]))
            if metric in replicates:
                self._means.setdefault(metric, ReplicateMean()).add(replicates[metric])
            else:
                self._unbootstrapped.add(metric)

    def average(self, metric: str) -> SuiteAverage | None:
        """mean over benchmarks b having a value of m_b, with the replicates averaged (None unless
        every such benchmark was bootstrapped); None if none has a value."""
        having = self._values.get(metric)
        if not having:
            return None
        value = float(np.mean([value for _, value in having]))
        averaged = None
        if metric in self._means and metric not in self._unbootstrapped:
            averaged = self._means[metric].mean()
        return SuiteAverage([benchmark for benchmark, _ in having], value, averaged)
