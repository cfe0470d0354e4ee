"""Model calls of the suite's groups on the full datasets: one call per (item, variant) row.

A task's calls = items × its non-counterfactual variants, plus one per item with a native
counterfactual when the task runs ``counterfactual``; items = the adapter's ``full_items``, capped
by the task's ``max_items``. A capped task's counterfactual rows are the full dataset's share of
them, round(full_counterfactuals × items / full_items): exact where every item has one, else
expected. ``python -m mb_tasks.suite.calls`` prints the README's table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mb_tasks.benchmarks.base import adapter, validate_variants
from mb_tasks.suite.index import SuiteIndex, TaskEntry, suite_index
from mb_tasks.task_folders import TASK_YAMLS

GROUPS: tuple[str, ...] = ("modbias_suite", "modbias_suite_lite")


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
    full = getattr(bench, "full_items", None)
    if full is None:
        raise ValueError(f"{entry.name}: adapter {entry.benchmark!r} gives no full_items")
    cap = options.get("max_items")
    items = min(full, int(cap)) if cap is not None else full
    plain = [variant for variant in variants if variant != "counterfactual"]
    full_counterfactuals = getattr(bench, "full_counterfactuals", 0) if "counterfactual" in variants else 0
    counterfactuals = round(full_counterfactuals * items / full)  # a subset keeps its share (expected)
    return TaskCalls(entry.name, items, variants, items * len(plain) + counterfactuals)


def group_table(index: SuiteIndex, group: str) -> str:
    """A markdown table of the group's tasks and their model calls, with the total."""
    rows = [task_calls(entry) for entry in index.expand([group])]
    lines = [f"| {group} task | items | variants | model calls |", "|---|---:|---|---:|"]
    lines += [f"| {r.task} | {r.items:,} | {', '.join(r.variants)} | {r.calls:,} |" for r in rows]
    lines.append(f"| **total** | {sum(r.items for r in rows):,} | | **{sum(r.calls for r in rows):,}** |")
    return "\n".join(lines)


def calls_tables(task_yamls: Path = TASK_YAMLS) -> str:
    """Every group's table, separated by blank lines."""
    index = suite_index(task_yamls)
    return "\n\n".join(group_table(index, group) for group in GROUPS)


if __name__ == "__main__":
    print(calls_tables())
