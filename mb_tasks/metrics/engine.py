"""The metrics engine: records in, every metric with its interval, n and p-value out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from mb_tasks.metrics.bootstrap import SuiteAverages, bootstrap_seed, bootstrap_values, percentile_interval
from mb_tasks.metrics.catalogue import FEW_PAIRS_METRICS, benchmark_metrics, statistics
from mb_tasks.metrics.definitions import (
    Statistic,
    blind_above_chance,
    leakage_over_base_llm,
    text_only_variant,
)
from mb_tasks.metrics.extras import extras_of
from mb_tasks.metrics.screening import Screening, screen_records
from mb_tasks.metrics.significance import holm_adjust, mcnemar_exact
from mb_tasks.metrics.sources import screened_sources
from mb_tasks.metrics.table import ItemTable, TableBuild, tables_of
from mb_tasks.metrics.threads import default_threads, ordered_map
from mb_tasks.progress import progress
from mb_tasks.records import Record

#: Leak canary: flag when the lower 95% bound of blind_above_chance, over the items a benchmark's
#: adapter says cannot be answered without the image, exceeds this.
LEAK_MARGIN = 0.10
#: The leak canary is checked only on at least this many such items with a no_image answer (on a few
#: items, e.g. a short --limit run, it raises false alarms).
LEAK_MIN_ITEMS = 30
#: Warn when a variant's invalid-answer rate exceeds this.
HIGH_INVALID_RATE = 0.20
#: Warn when a paired metric rests on fewer items than this.
FEW_PAIRS = 30


def _result(
    statistic: Statistic, replicates: np.ndarray | None, p_value: float | None = None
) -> dict[str, Any]:
    low, high = percentile_interval(replicates)
    value = statistic.value()
    return {
        "value": value,
        "ci_low": low if value is not None else None,
        "ci_high": high if value is not None else None,
        "n": statistic.n,
        "p_value": p_value,
        "p_holm": None,
    }


def _benchmark_statistics(table: ItemTable) -> list[tuple[str, Statistic]]:
    """The benchmark-specific metrics its registered extras add (none for a benchmark without); a
    name that is not the benchmark's catalogue entry is an error."""
    named = list(extras_of(table.benchmark).statistics(table))
    unknown = [name for name, _ in named if name not in benchmark_metrics(table.benchmark)]
    if unknown:
        raise ValueError(f"{table.benchmark}: metrics {unknown} are not its entries in the metric catalogue")
    return named


def _leak_canary(table: ItemTable, seed: int, resamples: int) -> dict[str, Any] | None:
    """blind_above_chance over the items that cannot be answered without the image (the video, the
    audio: their text-only variant stands for no_image), if any, with ``checked``: whether they are at
    least LEAK_MIN_ITEMS."""
    if text_only_variant(table) not in table.columns:
        return None
    needs_image = np.isin(table.category, list(extras_of(table.benchmark).vision_required_categories))
    if not needs_image.any():
        return None
    statistic = blind_above_chance(table, among=needs_image)
    rng = np.random.default_rng(bootstrap_seed(seed, table.benchmark, "leak_canary"))
    values = bootstrap_values(statistic, table.cluster, resamples, rng) if resamples > 0 else None
    return {**_result(statistic, values), "checked": statistic.n >= LEAK_MIN_ITEMS}


def _table_statistics(table: ItemTable, base_llm: ItemTable | None) -> list[tuple[str, Statistic]]:
    named = list(statistics(table)) + _benchmark_statistics(table)
    if base_llm is not None:
        leakage = leakage_over_base_llm(table, base_llm)
        if leakage is not None:
            named.append(("ml", leakage))
    return named


def _benchmark_results(
    table: ItemTable, base_llm: ItemTable | None, seed: int, resamples: int
) -> tuple[dict[str, dict[str, Any]], dict[str, np.ndarray]]:
    results: dict[str, dict[str, Any]] = {}
    replicates: dict[str, np.ndarray] = {}
    for name, statistic in _table_statistics(table, base_llm):
        rng = np.random.default_rng(bootstrap_seed(seed, table.benchmark, name))
        values = bootstrap_values(statistic, table.cluster, resamples, rng) if resamples > 0 else None
        p_value = mcnemar_exact(*statistic.discordant) if statistic.discordant is not None else None
        results[name] = _result(statistic, values, p_value)
        if values is not None:
            replicates[name] = values
    return results, replicates


def _suite(
    per_benchmark: dict[str, dict[str, dict[str, Any]]], averages: SuiteAverages
) -> dict[str, dict[str, Any]]:
    """Suite numbers: each metric's mean over the benchmarks that have it, each weighted equally."""
    names: dict[str, None] = {}
    for results in per_benchmark.values():
        names.update(dict.fromkeys(results))
    suite: dict[str, dict[str, Any]] = {}
    for name in names:
        average = averages.average(name)
        if average is None:
            continue
        low, high = percentile_interval(average.replicates)
        suite[name] = {
            "value": average.value,
            "ci_low": low,
            "ci_high": high,
            "n": int(sum(per_benchmark[b][name]["n"] for b in average.benchmarks)),
            "p_value": None,
            "p_holm": None,
        }
    return suite


def _apply_holm(per_benchmark: dict[str, dict[str, dict[str, Any]]]) -> None:
    tested = [
        result
        for results in per_benchmark.values()
        for result in results.values()
        if result["p_value"] is not None
    ]
    for result, adjusted in zip(tested, holm_adjust([r["p_value"] for r in tested]), strict=True):
        result["p_holm"] = adjusted


def _report_warnings(
    per_benchmark: dict[str, dict[str, dict[str, Any]]],
    counts: dict[str, dict],
    canaries: dict[str, dict[str, Any]],
    text_only: Mapping[str, str],
) -> list[str]:
    """The report's warnings; ``text_only``: each benchmark's variant without the medium (the leak
    canary's, :func:`text_only_variant`)."""
    found: list[str] = []
    for benchmark, results in per_benchmark.items():
        blind = canaries.get(benchmark)
        blind_variant = text_only[benchmark]
        medium = blind_variant.removeprefix("no_")
        leaked = "images" if medium == "image" else f"the {medium}"
        if blind is not None and not blind["checked"]:
            found.append(
                f"LEAK CANARY NOT CHECKED {benchmark}: only {blind['n']} item(s) that need the {medium} "
                f"have a {blind_variant} answer; at least {LEAK_MIN_ITEMS} are needed."
            )
        elif blind is not None and blind["ci_low"] is not None and blind["ci_low"] > LEAK_MARGIN:
            found.append(
                f"LEAK CANARY {benchmark}: on items that need the {medium}, accuracy without it is "
                f"{blind['value']:+.3f} above chance (95% CI {blind['ci_low']:+.3f} to "
                f"{blind['ci_high']:+.3f}, n={blind['n']}). "
                f"These items cannot be answered without the {medium}, so the model wrapper probably "
                f"leaks {leaked} into text-only requests (lmms-eval's simple llava_hf reuses the "
                f"previous request's image). Bias metrics that use {blind_variant} are not trustworthy."
            )
        high = [
            f"{name.removeprefix('invalid_rate_')} {result['value']:.1%} of {result['n']}"
            for name, result in results.items()
            if name.startswith("invalid_rate_") and (result["value"] or 0.0) > HIGH_INVALID_RATE
        ]
        if high:
            found.append(
                f"HIGH INVALID RATE {benchmark}: over {HIGH_INVALID_RATE:.0%} of the answers are empty, "
                f"refused or unparseable in {len(high)} variant(s): {', '.join(high)} (they score 0 and "
                "are left out of answer comparisons)."
            )
        few = [
            f"{name} (n={results[name]['n']})"
            for name in FEW_PAIRS_METRICS
            if name in results and results[name]["n"] < FEW_PAIRS
        ]
        if few:
            found.append(f"FEW PAIRS {benchmark}: {', '.join(few)}; intervals will be wide.")
        missing = counts[benchmark]["items_without_original"]
        if missing:
            found.append(
                f"UNPAIRED {benchmark}: {missing} item(s) have variant records but no original; "
                "they are left out of every paired metric."
            )
    return found


def _counts(table: ItemTable | None, benchmark: str, screening: Screening) -> dict[str, Any]:
    """Items and records per variant of a benchmark's table (none when every record was left out),
    items dropped at expansion or partial, and records left out per reason."""
    original = table.columns.get("original") if table is not None else None
    items = table.n_items if table is not None else 0
    return {
        "items": items,
        "records": dict(table.records_per_variant) if table is not None else {},
        "items_without_original": items - (int(original.present.sum()) if original is not None else 0),
        "items_dropped": screening.items_dropped.get(benchmark, 0),
        "items_partial": screening.items_partial.get(benchmark, 0),
        "records_left_out": dict(screening.left_out.get(benchmark, {})),
    }


def _all_counts(build: TableBuild) -> dict[str, dict[str, Any]]:
    """:func:`_counts` of every benchmark with a table or with something left out or dropped."""
    screening = build.screening
    named = {*build.tables, *screening.left_out, *screening.items_dropped}
    return {
        benchmark: _counts(build.tables.get(benchmark), benchmark, screening) for benchmark in sorted(named)
    }


def compute_report(
    records: Iterable[Record],
    *,
    seed: int = 0,
    resamples: int = 10_000,
    base_llm_records: Iterable[Record] | None = None,
    locations: Sequence[str | None] | None = None,
) -> dict[str, Any]:
    """Every metric per benchmark and for the suite, each with a 95% bootstrap interval and its n.

    Returns ``{"benchmarks": {benchmark: {metric: {value, ci_low, ci_high, n, p_value, p_holm}}},
    "suite": {metric: {...}}, "counts": {benchmark: {...}}, "leak_canary": {benchmark: {...}},
    "input": {...}, "warnings": [...], "problems": [...], "sources": [...]}``. ``leak_canary`` is
    blind_above_chance over the items that the benchmark's registered extras say need the image
    (``vision_required_categories``; :mod:`mb_tasks.metrics.extras`: the ``modbias`` command, or
    importing the benchmark's adapter, registers them), with ``checked`` false on fewer than
    LEAK_MIN_ITEMS of them. Benchmark-specific metrics come from the same extras.
    ``input`` counts the records read and left out (``files`` and ``lines_skipped`` are the reader's,
    0 here). ``sources``: where the records used came from (:func:`mb_tasks.metrics.sources.source_summary`).
    ``base_llm_records`` (a text-only run of the base LLM) enables ``ml``. ``resamples=0`` skips the
    bootstrap (intervals are null).
    ``locations[i]`` (e.g. "file:line") names where record i was read in problem lines.
    """
    base_llm = None if base_llm_records is None else screen_records(base_llm_records, keep_records=False)
    screening = screen_records(records, locations, keep_records=False)
    return report_of_screening(screening, seed=seed, resamples=resamples, base_llm=base_llm)


def report_of_screening(
    screening: Screening, *, seed: int = 0, resamples: int = 10_000, base_llm: Screening | None = None
) -> dict[str, Any]:
    """:func:`compute_report` of records already screened (as ``modbias report`` streams them);
    ``base_llm``: the base LLM's screened records (enables ``ml``; its problems are named "base LLM")."""
    base_problems: list[str] = []
    base_tables = {}
    if base_llm is not None:
        base_build = tables_of(base_llm)
        base_tables, base_problems = base_build.tables, [f"base LLM: {p}" for p in base_build.problems]
    report = report_of_tables(
        tables_of(screening), seed=seed, resamples=resamples, base_llm_tables=base_tables
    )
    return {**report, "problems": report["problems"] + base_problems}


def report_of_tables(
    build: TableBuild,
    *,
    seed: int = 0,
    resamples: int = 10_000,
    base_llm_tables: Mapping[str, ItemTable] | None = None,
    threads: int | None = None,
) -> dict[str, Any]:
    """:func:`compute_report` of records already built into tables (:func:`tables_of`); the
    benchmarks are bootstrapped on ``threads`` threads (default: :func:`default_threads`), which
    changes nothing in the report: every metric draws from its own seeded generator."""
    base_tables = base_llm_tables or {}
    per_benchmark: dict[str, dict[str, dict[str, Any]]] = {}
    averages = SuiteAverages()  # the replicates are added up as they come, in order, not kept
    results = ordered_map(
        lambda table: _benchmark_results(table, base_tables.get(table.benchmark), seed, resamples),
        build.tables.values(),
        (threads or default_threads()) if resamples > 0 else 1,
    )
    named_results = zip(build.tables, results, strict=True)
    if resamples > 0:  # no bar for the point estimates lmms-eval's aggregation asks for
        named_results = progress(named_results, "bootstrap", total=len(build.tables), unit="benchmark")
    for benchmark, (results_of_benchmark, replicates) in named_results:
        per_benchmark[benchmark] = results_of_benchmark
        averages.add(benchmark, results_of_benchmark, replicates)
    _apply_holm(per_benchmark)
    counts = _all_counts(build)
    canaries = {
        benchmark: canary
        for benchmark, table in build.tables.items()
        if (canary := _leak_canary(table, seed, resamples)) is not None
    }
    return {
        "benchmarks": per_benchmark,
        "suite": _suite(per_benchmark, averages),
        "counts": counts,
        "leak_canary": canaries,
        "input": {
            "files": 0,
            "lines_skipped": 0,
            "records_read": build.screening.records_read,
            "records_left_out": build.screening.records_left_out,
        },
        "warnings": _report_warnings(
            per_benchmark,
            counts,
            canaries,
            {benchmark: text_only_variant(table) for benchmark, table in build.tables.items()},
        ),
        "problems": list(build.problems),
        "sources": screened_sources(build.screening),
    }


_last_estimates: tuple[Sequence[Record], tuple[int, ...], dict[str, float | None]] | None = None


def point_estimates(records: Sequence[Record]) -> dict[str, float | None]:
    """Every metric's value (no intervals) for the records, which should be of one benchmark (for
    several, the suite mean). Memoized on the identity of the records, so that lmms-eval's one
    aggregation call per metric builds the table only once."""
    global _last_estimates
    identity = tuple(map(id, records))
    if _last_estimates is not None and _last_estimates[1] == identity:
        return _last_estimates[2]
    report = compute_report(records, resamples=0)
    tables = report["benchmarks"]
    source = next(iter(tables.values())) if len(tables) == 1 else report["suite"]
    estimates = {name: result["value"] for name, result in source.items()}
    _last_estimates = (records, identity, estimates)
    return estimates
