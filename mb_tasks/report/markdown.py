"""Markdown tables of a report: one per benchmark, and the suite summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def number_text(value: float | None, digits: int = 3) -> str:
    """The value with ``digits`` decimals, "–" for None (a value that rounds to zero shows no minus)."""
    return "–" if value is None else f"{round(value, digits) + 0.0:.{digits}f}"


def p_value_text(value: float | None) -> str:
    if value is None:
        return "–"
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def interval_text(result: Mapping[str, Any]) -> str:
    """A result's 95% interval as "[low, high]", or "–" without one."""
    if result["ci_low"] is None:
        return "–"
    return f"[{number_text(result['ci_low'])}, {number_text(result['ci_high'])}]"


def _table(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["| metric | value | 95% CI | n | p (Holm) |", "|---|---:|---|---:|---:|"]
    for name, result in results.items():
        value, p_holm = number_text(result["value"]), p_value_text(result["p_holm"])
        lines.append(f"| {name} | {value} | {interval_text(result)} | {result['n']} | {p_holm} |")
    return lines


def input_summary(report: Mapping[str, Any]) -> str | None:
    """One sentence on what was read and left out (``report["input"]``), or None without it."""
    counts = report.get("input")
    if not counts:
        return None
    files = f" from {counts['files']} file(s)" if counts["files"] else ""
    return (
        f"{counts['records_read']} record(s) read{files}; {counts['records_left_out']} record(s) left out; "
        f"{counts['lines_skipped']} line(s) skipped."
    )


def benchmark_counts_text(counts: Mapping[str, Any]) -> str:
    """A benchmark's counts: items, records per variant, and what was left out, dropped or partial."""
    per_variant = ", ".join(f"{variant} {n}" for variant, n in counts.get("records", {}).items())
    text = f"{counts.get('items', 0)} items; records: {per_variant}"
    left_out = counts.get("records_left_out") or {}
    if left_out:
        text += "; records left out: " + ", ".join(f"{reason} {n}" for reason, n in left_out.items())
    if counts.get("items_dropped"):
        text += f"; items dropped at expansion: {counts['items_dropped']}"
    if counts.get("items_partial"):
        text += f"; partial items: {counts['items_partial']}"
    return text


#: A source line names at most this many files; the rest are counted.
NAMED_FILES = 3


def source_line(source: Mapping[str, Any]) -> str:
    """One entry of ``report["sources"]`` as a sentence: the benchmark, how many records from which
    repository, commit, format and model, its first files and how many the source scored."""
    repo = source["repo"] or "an unnamed repository"
    text = f"{source['benchmark']}: {source['records']} records from {repo}"
    if source["commit"]:
        text += f" @ {source['commit'][:12]}"
    text += f" ({source['format'] or 'unknown format'})"
    if source["model"]:
        text += f", model {source['model']}"
    files = source["files"]
    if files:
        more = len(files) - NAMED_FILES
        text += f"; files: {', '.join(files[:NAMED_FILES])}" + (f" and {more} more" if more > 0 else "")
    if source["source_scored"]:
        text += f"; {source['source_scored']} scored by the source"
    return text


def render_markdown(report: dict[str, Any]) -> str:
    """The report as markdown: warnings and problems first, then where the records came from, then a
    table per benchmark and the suite."""
    lines: list[str] = []
    if report.get("warnings"):
        lines += ["## Warnings", "", *[f"- {warning}" for warning in report["warnings"]], ""]
    if report.get("problems"):
        summary = input_summary(report)
        lines += ["## Input problems", "", *([summary, ""] if summary else [])]
        lines += [*[f"- {problem}" for problem in report["problems"]], ""]
    if report.get("sources"):  # each on one line, whatever a source's names hold
        lines += ["## Sources", "", *[f"- {' '.join(source_line(s).split())}" for s in report["sources"]], ""]
    for benchmark, results in report["benchmarks"].items():
        counts = report.get("counts", {}).get(benchmark, {})
        lines += [f"## {benchmark}", "", benchmark_counts_text(counts), ""]
        lines += [*_table(results), ""]
    if len(report["benchmarks"]) > 1 and report.get("suite"):
        lines += ["## Suite (mean over benchmarks, each weighted equally)", "", *_table(report["suite"]), ""]
    return "\n".join(lines)
