"""Paired differences between models, over the records every run shares.

For two runs on the same items, a metric difference m_A − m_B is one statistic over the items: the
per-item contributions of A's and B's metric side by side, combined as combine_A − combine_B.
Resampling items (or clusters) for both models at once keeps the pairing, so the interval accounts
for the correlation between the models' answers on the same item.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

from mb_tasks.metrics import (
    ItemTable,
    Statistic,
    bootstrap_seed,
    bootstrap_values,
    holm_adjust,
    mcnemar_exact,
    percentile_interval,
    statistics,
)
from mb_tasks.metrics.bootstrap import SuiteAverages
from mb_tasks.metrics.catalogue import HEADLINE_METRICS  # compared by default
from mb_tasks.metrics.engine import report_of_tables
from mb_tasks.metrics.screening import Screening
from mb_tasks.metrics.significance import discordant_pairs
from mb_tasks.metrics.table import tables_of
from mb_tasks.progress import progress
from mb_tasks.report.runs import Run


def shared_records(screenings: Sequence[Screening]) -> tuple[list[Screening], list[int]]:
    """Each screening restricted to the records whose (benchmark, pair_id, variant) key every one
    has, and how many records of each were left out."""
    keys = [screening.record_keys() for screening in screenings]
    shared = set.intersection(*(set(run_keys) for run_keys in keys))
    restricted = [
        screening.restricted(screening.kept[np.array([key in shared for key in run_keys], dtype=bool)])
        for screening, run_keys in zip(screenings, keys, strict=True)
    ]
    left_out = [len(s.kept) - len(r.kept) for s, r in zip(screenings, restricted, strict=True)]
    return restricted, left_out


def model_difference(first: Statistic, second: Statistic, second_rows: np.ndarray) -> Statistic:
    """m_first − m_second as one statistic over the first table's items (``second_rows[i]`` is the
    second table's row of the first table's item i)."""
    width = first.contributions.shape[1]

    def combine(sums: np.ndarray) -> np.ndarray:
        return first.combine(sums[..., :width]) - second.combine(sums[..., width:])

    contributions = np.hstack([first.contributions, second.contributions[second_rows]])
    return Statistic(contributions, combine, min(first.n, second.n))


def _bootstrap_p(replicates: np.ndarray) -> float | None:
    """Two-sided percentile-bootstrap p-value for "difference = 0": 2·min(#(d* ≤ 0)+1, #(d* ≥ 0)+1)/(B+1)."""
    defined = replicates[~np.isnan(replicates)]
    if defined.size == 0:
        return None
    below, above = int((defined <= 0).sum()), int((defined >= 0).sum())
    return min(1.0, 2 * (min(below, above) + 1) / (defined.size + 1))


def _accuracy_discordance(
    first: ItemTable, second: ItemTable, rows: np.ndarray, metric: str
) -> tuple[int, int]:
    variant = metric.removeprefix("acc_")
    a, b = first.columns[variant], second.columns[variant]
    return discordant_pairs(a.score, b.score[rows], a.present & b.present[rows])


def _difference_result(
    statistic: Statistic, replicates: np.ndarray | None, mcnemar: tuple[int, int] | None, n: tuple[int, int]
) -> dict[str, Any]:
    low, high = percentile_interval(replicates)
    if mcnemar is not None:
        p_value, test = mcnemar_exact(*mcnemar), "mcnemar"
    else:
        p_value, test = (_bootstrap_p(replicates) if replicates is not None else None), "bootstrap"
    return {
        "value": statistic.value(),
        "ci_low": low,
        "ci_high": high,
        "n_first": n[0],
        "n_second": n[1],
        "p_value": p_value,
        "p_holm": None,
        "test": test if p_value is not None else None,
    }


def _pair_differences(
    first: ItemTable,
    second: ItemTable,
    metrics: Sequence[str],
    seed: int,
    resamples: int,
    labels: tuple[str, str],
) -> tuple[dict[str, dict[str, Any]], dict[str, np.ndarray]]:
    position = {pair_id: row for row, pair_id in enumerate(second.pair_ids)}
    rows = np.array([position[pair_id] for pair_id in first.pair_ids], dtype=np.int64)
    first_stats, second_stats = dict(statistics(first)), dict(statistics(second))
    results: dict[str, dict[str, Any]] = {}
    replicates: dict[str, np.ndarray] = {}
    for metric in metrics:
        if metric not in first_stats or metric not in second_stats:
            continue
        a, b = first_stats[metric], second_stats[metric]
        difference = model_difference(a, b, rows)
        values = None
        if resamples > 0:
            rng = np.random.default_rng(bootstrap_seed(seed, first.benchmark, metric, *labels))
            values = bootstrap_values(difference, first.cluster, resamples, rng)
            replicates[metric] = values
        binary = metric.startswith("acc_") and first.binary_scores and second.binary_scores
        mcnemar = _accuracy_discordance(first, second, rows, metric) if binary else None
        results[metric] = _difference_result(difference, values, mcnemar, (a.n, b.n))
    return results, replicates


def _suite_differences(
    per_benchmark: dict[str, dict[str, dict[str, Any]]], averages: SuiteAverages
) -> dict[str, dict[str, Any]]:
    """Each metric's difference averaged over the benchmarks that have it (each weighted equally); its
    replicates are the benchmarks' replicates averaged resample by resample."""
    suite: dict[str, dict[str, Any]] = {}
    metrics = dict.fromkeys(metric for results in per_benchmark.values() for metric in results)
    for metric in metrics:
        average = averages.average(metric)
        if average is None:
            continue
        low, high = percentile_interval(average.replicates)
        p_value = _bootstrap_p(average.replicates) if average.replicates is not None else None
        suite[metric] = {
            "value": average.value,
            "ci_low": low,
            "ci_high": high,
            "n_first": sum(per_benchmark[b][metric]["n_first"] for b in average.benchmarks),
            "n_second": sum(per_benchmark[b][metric]["n_second"] for b in average.benchmarks),
            "p_value": p_value,
            "p_holm": None,
            "test": "bootstrap" if p_value is not None else None,
        }
    return suite


def distinct_labels(runs: Sequence[Run]) -> list[str]:
    """Each run's label; runs that share a label get their path appended."""
    counts: dict[str, int] = {}
    for run in runs:
        counts[run.label] = counts.get(run.label, 0) + 1
    return [run.label if counts[run.label] == 1 else f"{run.label} ({run.path})" for run in runs]


def compare_runs(
    runs: Sequence[Run], *, metrics: Sequence[str] = HEADLINE_METRICS, seed: int = 0, resamples: int = 10_000
) -> dict[str, Any]:
    """Side-by-side reports of ``runs`` over the records all of them share (each run's records are
    screened first: validated, one per key, every problem named), and every pair's differences
    (first − second, in the order given) with 95% paired-bootstrap intervals and p-values (exact
    McNemar for accuracies of binary scores, bootstrap otherwise), Holm-adjusted across the whole
    comparison.

    Returns ``{"models": [{label, model, model_args, path}], "reports": {label: report},
    "pairs": [{"first", "second", "benchmarks": {benchmark: {metric: difference}}, "suite": {...}}],
    "problems": [...]}``; a difference is ``{value, ci_low, ci_high, n_first, n_second, p_value,
    p_holm, test}``.
    """
    if len(runs) < 2:
        raise ValueError("compare needs at least two runs")
    labels = distinct_labels(runs)
    screenings = [run.screening for run in runs]
    kept, left_out = shared_records(screenings)
    problems = [problem for run in runs for problem in run.problems]
    problems += [
        f"{label}: {problem}"
        for label, screening in zip(labels, screenings, strict=True)
        for problem in screening.problems
    ]
    problems += [
        f"{label}: {count} record(s) that not every run has were left out of the comparison"
        for label, count in zip(labels, left_out, strict=True)
        if count
    ]
    builds = [tables_of(screening) for screening in kept]
    reports = {
        label: report_of_tables(build, seed=seed, resamples=resamples)
        for label, build in zip(labels, builds, strict=True)
    }
    tables = [build.tables for build in builds]
    pairs = []
    for i, j in combinations(range(len(runs)), 2):
        shared = [benchmark for benchmark in tables[i] if benchmark in tables[j]]
        per_benchmark: dict[str, dict[str, dict[str, Any]]] = {}
        averages = SuiteAverages()  # the replicates are added up as they come, not kept
        for benchmark in progress(shared, f"compare {labels[i]} vs {labels[j]}", unit="benchmark"):
            per_benchmark[benchmark], replicates = _pair_differences(
                tables[i][benchmark], tables[j][benchmark], metrics, seed, resamples, (labels[i], labels[j])
            )
            averages.add(benchmark, per_benchmark[benchmark], replicates)
        suite = _suite_differences(per_benchmark, averages)
        pairs.append({"first": labels[i], "second": labels[j], "benchmarks": per_benchmark, "suite": suite})
    tested = [
        result
        for pair in pairs
        for scope in [*pair["benchmarks"].values(), pair["suite"]]
        for result in scope.values()
        if result["p_value"] is not None
    ]
    for result, adjusted in zip(tested, holm_adjust([r["p_value"] for r in tested]), strict=True):
        result["p_holm"] = adjusted
    models = [
        {"label": label, "model": run.model, "model_args": run.model_args, "path": str(run.path)}
        for label, run in zip(labels, runs, strict=True)
    ]
    return {"models": models, "reports": reports, "pairs": pairs, "problems": problems}
