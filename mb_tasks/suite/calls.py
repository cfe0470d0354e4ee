"""Model calls of the suite's groups on the full datasets: one call per (item, variant) row.

A task's calls = items × its non-counterfactual variants, plus one per item with a native
counterfactual when the task runs ``counterfactual``; items = the adapter's ``full_items``, capped
by the task's ``max_items``. A capped task's counterfactual rows are the full dataset's share of
them, round(full_counterfactuals × items / full_items): exact where every item has one, else
expected. ``python -m mb_tasks.suite.generate --write`` writes the README's tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mb_tasks.benchmarks.base import adapter, validate_variants
from mb_tasks.suite.index import TaskEntry


@dataclass(frozen=True)
class TaskCalls:
    task: str
    items: int
    variants: tuple[str, ...]
    calls: int


def task_calls(entry: TaskEntry) -> TaskCalls:
    """The task's item count, variant set and model calls on the full dataset."""
    bench = adapter(entry.benchmark)
    options = (entry.config.get("metadata") or {}).get("modbias") or {}
    variants = validate_variants(list(options.get("variants") or bench.default_variants))
    full = bench.full_items
    if full is None:
        raise ValueError(
            f"{entry.name}: adapter {entry.benchmark!r} gives no full_items (its dataset size, for the "
            "model-call tables); a benchmark outside the suite sets in_suite = False"
        )
    cap = options.get("max_items")
    items = min(full, int(cap)) if cap is not None else full
    plain = [variant for variant in variants if variant != "counterfactual"]
    full_counterfactuals = bench.full_counterfactuals if "counterfactual" in variants else 0
    counterfactuals = round(full_counterfactuals * items / full)  # a subset keeps its share (expected)
    return TaskCalls(entry.name, items, variants, items * len(plain) + counterfactuals)


def group_table(group: str, entries: Sequence[TaskEntry]) -> str:
    """A markdown table of the group's tasks and their model calls, with the total."""
    rows = [task_calls(entry) for entry in entries]
    lines = [f"| {group} task | items | variants | model calls |", "|---|---:|---|---:|"]
    lines += [f"| {r.task} | {r.items:,} | {', '.join(r.variants)} | {r.calls:,} |" for r in rows]
    lines.append(f"| **total** | {sum(r.items for r in rows):,} | | **{sum(r.calls for r in rows):,}** |")
    return "\n".join(lines)


def calls_tables(groups: Mapping[str, Sequence[TaskEntry]]) -> str:
    """Every group's table (group -> its tasks), separated by blank lines."""
    return "\n\n".join(group_table(group, entries) for group, entries in groups.items())
