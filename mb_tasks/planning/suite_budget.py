"""A budget for the suite: per benchmark, the items that give every planned metric a 95 % interval
of at most ±h (:mod:`mb_tasks.planning.budget`), the variant set those metrics need, and the model
calls, next to the full task's; written as the task settings ``modbias run --plan`` takes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import yaml

from mb_tasks.benchmarks.base import adapter, validate_variants
from mb_tasks.metrics.catalogue import metric
from mb_tasks.metrics.table import ItemTable
from mb_tasks.planning.budget import (
    Spread,
    assumed_spread,
    half_width_at,
    items_for_half_width,
    per_item_variance,
    z_value,
)
from mb_tasks.suite.calls import TaskCalls, task_calls
from mb_tasks.suite.index import TaskEntry
from mb_tasks.suite.planned import planned_config


@dataclass(frozen=True)
class BenchmarkBudget:
    """One task's plan: items needed per metric, the planned items, variants and calls, the
    half-widths those items give, and the full task's calls; ``left_out`` says why it is not planned."""

    task: str
    benchmark: str
    full: TaskCalls
    needed: dict[str, int]
    spreads: dict[str, Spread]
    planned: TaskCalls | None
    half_widths: dict[str, float]
    left_out: str | None = None


def planned_variants(metrics: Sequence[str]) -> tuple[str, ...]:
    """The variants the metrics need (each metric's first variant set), in DESIGN.md's order."""
    return validate_variants([variant for name in metrics for variant in metric(name).needs[0]])


def measured_spread(name: str, table: ItemTable) -> Spread | None:
    """``name``'s per-item variance on an earlier run's table (None when the table cannot give it)."""
    entry = metric(name)
    if not entry.applies(table.columns, bool(table.is_yesno.any())):
        return None
    statistic = entry.compute(table)
    variance = per_item_variance(statistic, table.cluster)
    if variance is None:
        return None
    return Spread(variance, f"measured on {statistic.n} items")


def _with_settings(entry: TaskEntry, variants: tuple[str, ...], items: int) -> TaskEntry:
    """The task as ``modbias run --plan`` runs it with these variants and items."""
    metadata = planned_config(entry.config, {"variants": list(variants), "max_items": items})
    return replace(entry, config={**entry.config, "metadata": metadata})


def benchmark_budget(
    entry: TaskEntry,
    metrics: Sequence[str],
    half_width: float,
    confidence: float,
    table: ItemTable | None,
) -> BenchmarkBudget:
    """The plan of one suite task (``table``: the benchmark's records from an earlier run, if any)."""
    full = task_calls(entry)
    variants = planned_variants(metrics)
    if not set(variants) <= set(adapter(entry.benchmark).default_variants):
        why = f"its variants ({', '.join(full.variants)}) cannot give {', '.join(metrics)}"
        return BenchmarkBudget(entry.name, entry.benchmark, full, {}, {}, None, {}, why)
    z = z_value(confidence)
    spreads: dict[str, Spread] = {}
    for name in metrics:
        measured = measured_spread(name, table) if table is not None else None
        spreads[name] = measured or assumed_spread(name, metric(name).difference is not None)
    needed = {name: items_for_half_width(s.per_item_variance, half_width, z) for name, s in spreads.items()}
    items = min(full.items, max(needed.values()))
    planned = task_calls(_with_settings(entry, variants, items))
    widths = {name: half_width_at(s.per_item_variance, items, z) for name, s in spreads.items()}
    return BenchmarkBudget(entry.name, entry.benchmark, full, needed, spreads, planned, widths)


def suite_budget(
    entries: Sequence[TaskEntry],
    metrics: Sequence[str],
    half_width: float,
    confidence: float,
    tables: Mapping[str, ItemTable],
) -> list[BenchmarkBudget]:
    """Every task's plan, tables by benchmark name."""
    unknown = [name for name in metrics if metric(name).statistic is None]
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: a benchmark's own metric cannot be planned")
    return [
        benchmark_budget(entry, metrics, half_width, confidence, tables.get(entry.benchmark))
        for entry in entries
    ]


def budget_table(budgets: Sequence[BenchmarkBudget], metrics: Sequence[str], half_width: float) -> str:
    """A markdown table: per task the items each metric needs, the planned items and calls, the
    half-widths they give and the full task's calls; a total row."""
    head = ["task", "items (full)", *(f"items for ±{half_width:g}: {m}" for m in metrics), "planned items"]
    head += [*(f"±{m}" for m in metrics), "calls", "full-task calls"]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for budget in budgets:
        if budget.planned is None:
            cells = [budget.task, f"{budget.full.items:,}", *(["–"] * (len(metrics) * 2 + 2))]
            cells.append(f"{budget.full.calls:,} (left out: {budget.left_out})")
        else:
            cells = [budget.task, f"{budget.full.items:,}", *(f"{budget.needed[m]:,}" for m in metrics)]
            cells += [f"{budget.planned.items:,}", *(f"{budget.half_widths[m]:.3f}" for m in metrics)]
            cells += [f"{budget.planned.calls:,}", f"{budget.full.calls:,}"]
        lines.append("| " + " | ".join(cells) + " |")
    planned = sum(b.planned.calls for b in budgets if b.planned is not None)
    full = sum(b.full.calls for b in budgets)
    blank = [""] * (len(head) - 3)
    lines.append("| " + " | ".join(["**total**", *blank, f"**{planned:,}**", f"**{full:,}**"]) + " |")
    return "\n".join(lines)


def plan_text(budgets: Sequence[BenchmarkBudget], header: str) -> str:
    """The plan file: ``header`` as comments, then ``tasks: {task: {max_items, variants}}`` for every
    planned task (what ``modbias run --plan`` reads)."""
    tasks = {
        b.task: {"max_items": b.planned.items, "variants": list(b.planned.variants)}
        for b in budgets
        if b.planned is not None
    }
    comments = "".join(f"# {line}\n" for line in header.splitlines())
    return comments + yaml.safe_dump({"tasks": tasks}, sort_keys=False, default_flow_style=None)
