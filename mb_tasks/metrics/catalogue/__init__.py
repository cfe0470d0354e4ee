"""The metric catalogue (:mod:`.entries`) and the lists derived from it.

``grep -rn <metric name> mb_tasks`` finds a metric's entry in ``entries.py``; its ``statistic`` leads
to the function and its formula in :mod:`mb_tasks.metrics.definitions`.
"""

from __future__ import annotations

from collections.abc import Iterator

from mb_tasks.metrics.catalogue.entries import CATALOGUE
from mb_tasks.metrics.catalogue.metric import Family, Headline, Metric
from mb_tasks.metrics.definitions import Statistic
from mb_tasks.metrics.table import ItemTable

_BY_NAME: dict[str, Metric] = {metric.name: metric for metric in CATALOGUE}

#: The metrics every benchmark's table gets where its variants allow (not benchmark-specific, no
#: base-LLM run needed), in report order.
TABLE_METRICS: tuple[Metric, ...] = tuple(m for m in CATALOGUE if m.benchmark is None and not m.base_llm)
#: Benchmark-specific metrics (each computed by its benchmark's adapter), in catalogue order.
BENCHMARK_METRICS: tuple[str, ...] = tuple(m.name for m in CATALOGUE if m.benchmark is not None)
#: Every metric an lmms-eval task can report (its YAML ``metric_list``), in catalogue order.
TASK_METRICS: tuple[str, ...] = tuple(m.name for m in CATALOGUE if not m.base_llm)
#: Differences of binary scores (McNemar): metric -> (variant scored first, variant subtracted).
PAIRED_GAPS: dict[str, tuple[str, str]] = {m.name: m.difference for m in CATALOGUE if m.difference}
#: Metrics the report warns about when they rest on few items.
FEW_PAIRS_METRICS: tuple[str, ...] = tuple(m.name for m in CATALOGUE if m.few_pairs_warning)

_HEADLINES = sorted((m for m in CATALOGUE if m.headline), key=lambda m: m.headline.rank)
#: The metrics comparisons show by default, in headline order.
HEADLINE_METRICS: tuple[str, ...] = tuple(m.name for m in _HEADLINES)
#: Leaderboard columns, in headline order (the first one sorts the rows).
LEADERBOARD_METRICS: tuple[str, ...] = tuple(m.name for m in _HEADLINES if m.headline.leaderboard)
#: A model's bias profile, in headline order.
PROFILE_METRICS: tuple[str, ...] = tuple(m.name for m in _HEADLINES if m.headline.profile)


def metric(name: str) -> Metric:
    """The catalogue entry of ``name``; KeyError naming it if there is none."""
    if name not in _BY_NAME:
        raise KeyError(f"no metric named {name!r} in the catalogue (mb_tasks/metrics/catalogue/entries.py)")
    return _BY_NAME[name]


def benchmark_metrics(benchmark: str) -> tuple[str, ...]:
    """The benchmark-specific metrics of ``benchmark``, in catalogue order."""
    return tuple(m.name for m in CATALOGUE if m.benchmark == benchmark)


def directions() -> dict[str, bool | None]:
    """Every metric, in catalogue order -> higher_is_better (None: neither direction is better)."""
    return {m.name: m.higher_is_better for m in CATALOGUE}


def legend_line(name: str) -> str | None:
    """The metric's legend line, "label = formula." (None for a name not in the catalogue)."""
    return _BY_NAME[name].legend_line if name in _BY_NAME else None


def statistics(table: ItemTable) -> Iterator[tuple[str, Statistic]]:
    """Every :data:`TABLE_METRICS` metric the table's variants allow, in report order, as (name,
    statistic); a text-only run (all no_image) still gets acc, invalid_rate, blind_above_chance and
    yes_ratio."""
    has_yesno = bool(table.is_yesno.any())
    for entry in TABLE_METRICS:
        if entry.applies(table.columns, has_yesno):
            yield entry.name, entry.compute(table)


__all__ = [
    "BENCHMARK_METRICS",
    "CATALOGUE",
    "FEW_PAIRS_METRICS",
    "HEADLINE_METRICS",
    "LEADERBOARD_METRICS",
    "PAIRED_GAPS",
    "PROFILE_METRICS",
    "TABLE_METRICS",
    "TASK_METRICS",
    "Family",
    "Headline",
    "Metric",
    "benchmark_metrics",
    "directions",
    "legend_line",
    "metric",
    "statistics",
]
