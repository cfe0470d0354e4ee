"""Markdown tables of a report: one per benchmark, and the suite summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def number_text(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


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


def render_markdown(report: dict[str, Any]) -> str:
    """The report as markdown: warnings and problems first, then a table per benchmark and the suite."""
    lines: list[str] = []
    if report.get("warnings"):
        lines += ["## Warnings", "", *[f"- {warning}" for warning in report["warnings"]], ""]
    if report.get("problems"):
        lines += ["## Input problems", "", *[f"- {problem}" for problem in report["problems"]], ""]
    for benchmark, results in report["benchmarks"].items():
        counts = report.get("counts", {}).get(benchmark, {})
        per_variant = ", ".join(f"{variant} {n}" for variant, n in counts.get("records", {}).items())
        lines += [f"## {benchmark}", "", f"{counts.get('items', 0)} items; records: {per_variant}", ""]
        lines += [*_table(results), ""]
    if len(report["benchmarks"]) > 1 and report.get("suite"):
        lines += ["## Suite (mean over benchmarks, each weighted equally)", "", *_table(report["suite"]), ""]
    return "\n".join(lines)
