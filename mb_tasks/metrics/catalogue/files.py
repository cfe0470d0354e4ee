"""The files written from the catalogue: the task templates' ``metric_list`` and the README's metric
table. Each ``render_*`` gives the text the catalogue implies; ``with_*`` puts it into a file's text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mb_tasks.metrics.catalogue import CATALOGUE, TABLE_METRICS, Metric
from mb_tasks.records import ALL_VARIANTS
from mb_tasks.task_folders import LM_EVAL_TASKS, TASK_YAMLS

README = Path(__file__).resolve().parents[3] / "README.md"
README_START = "<!-- metric table: python -m mb_tasks.metrics.catalogue --write-readme -->"
README_END = "<!-- end of metric table -->"
_GENERATED = "# Written from the metric catalogue: python -m mb_tasks.metrics.catalogue --write-yaml"
_BENCHMARK_SPECIFIC = (
    "# Benchmark-specific metrics (computed by the benchmark's adapter; only its tasks emit them)."
)


@dataclass(frozen=True)
class MetricListFile:
    """A task template whose ``metric_list`` the catalogue writes: its aggregations are
    ``!function <functions><metric>``; ``benchmark_specific``: it lists those metrics too."""

    path: Path
    functions: str
    benchmark_specific: bool


METRIC_LIST_FILES: tuple[MetricListFile, ...] = (
    MetricListFile(TASK_YAMLS / "_modbias_template_yaml", "utils.", benchmark_specific=True),
    MetricListFile(
        LM_EVAL_TASKS / "_modbias_template_yaml", "mb_tasks.lmms.aggregation.", benchmark_specific=False
    ),
)


def _yaml_direction(value: bool | None) -> str:
    return {True: "true", False: "false", None: "null"}[value]


def _list_entry(entry: Metric, functions: str) -> list[str]:
    """One metric's lines of a ``metric_list``."""
    return [
        f"  - metric: {entry.name}",
        f"    aggregation: !function {functions}{entry.name}",
        f"    higher_is_better: {_yaml_direction(entry.higher_is_better)}",
    ]


def render_metric_list(file: MetricListFile) -> str:
    """The template's ``metric_list:`` block: every metric a task can report, in catalogue order."""
    lines = ["metric_list:", f"  {_GENERATED}"]
    lines += [line for m in TABLE_METRICS for line in _list_entry(m, file.functions)]
    if file.benchmark_specific:
        lines.append(f"  {_BENCHMARK_SPECIFIC}")
        lines += [line for m in CATALOGUE if m.benchmark for line in _list_entry(m, file.functions)]
    return "\n".join(lines) + "\n"


def with_metric_list(text: str, block: str) -> str:
    """``text`` (a YAML file) with its top-level ``metric_list:`` block replaced by ``block`` (the block
    ends at the next line that starts in column 0)."""
    lines = text.splitlines(keepends=True)
    start = lines.index("metric_list:\n")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i][0].isspace()),
        len(lines),
    )
    return "".join(lines[:start]) + block + "".join(lines[end:])


def _needs(entry: Metric, members: Sequence[Metric]) -> str:
    """The variants a table row's metrics need, k standing for the family's variant."""
    options = [
        [("k" if v == entry.variant and entry.family else v) for v in option] for option in entry.needs
    ]
    text = ", or ".join(" + ".join(option) for option in options)
    if entry.family:
        ks = [m.variant for m in members]
        text += " (any variant)" if ks == list(ALL_VARIANTS) else f" (k: {', '.join(map(str, ks))})"
    if entry.yesno:
        text += "; yes/no items"
    if entry.base_llm:
        text += "; a base-LLM run (`--base-llm`)"
    if entry.benchmark:
        text += f"; modbias_{entry.benchmark} only"
    return text


def _row(members: Sequence[Metric]) -> str:
    entry = members[0]
    name = f"{entry.family}_<k>" if entry.family else entry.name
    better = {True: "higher", False: "lower", None: "neither"}[entry.higher_is_better]
    cells = [name, entry.formula, _needs(entry, members), better, entry.paired_test or "–", entry.reference]
    return "| " + " | ".join(cells) + " |"


def render_readme_table() -> str:
    """The README's metric table: a row per metric, one for each per-variant family."""
    rows: dict[str, list[Metric]] = {}
    for entry in CATALOGUE:
        rows.setdefault(entry.family or entry.name, []).append(entry)
    head = [
        "| metric | formula | needs | better | paired test | reference |",
        "|---|---|---|---|---|---|",
    ]
    return "\n".join(head + [_row(members) for members in rows.values()]) + "\n"


def with_readme_table(text: str, table: str) -> str:
    """``text`` (the README) with the table between its metric-table markers replaced by ``table``."""
    before, rest = text.split(README_START + "\n", 1)
    _, after = rest.split(README_END, 1)
    return f"{before}{README_START}\n{table}{README_END}{after}"


def stale_files() -> list[Path]:
    """The generated files (task templates, README when present) that differ from the catalogue."""
    stale = [
        file.path
        for file in METRIC_LIST_FILES
        if with_metric_list(text := file.path.read_text(encoding="utf-8"), render_metric_list(file)) != text
    ]
    if README.exists():
        readme = README.read_text(encoding="utf-8")
        if with_readme_table(readme, render_readme_table()) != readme:
            stale.append(README)
    return stale
