"""Markdown for a comparison: the models side by side, then each pair's differences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mb_tasks.report.markdown import interval_text, number_text, p_value_text


def _value(result: Mapping[str, Any] | None) -> str:
    if not result or result.get("value") is None:
        return "–"
    text = number_text(result["value"])
    if result.get("ci_low") is not None:
        text += f" {interval_text(result)}"
    return f"{text} (n={result['n']})"


def side_by_side(scopes: Mapping[str, Mapping[str, Any]], metrics: Sequence[str]) -> list[str]:
    """Rows of metrics, a column per model: value [95% CI] (n)."""
    lines = [f"| metric | {' | '.join(scopes)} |", "|---|" + "---:|" * len(scopes)]
    for metric in metrics:
        if any(metric in scope for scope in scopes.values()):
            lines.append(
                f"| {metric} | {' | '.join(_value(scope.get(metric)) for scope in scopes.values())} |"
            )
    return lines


def differences_table(pairs: Sequence[Mapping[str, Any]], scope: str | None) -> list[str]:
    """Rows of (metric, pair): first − second, its 95% CI, p, Holm-adjusted p and the test used."""
    lines = [
        "| metric | difference | value | 95% CI | p | p (Holm) | test |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for pair in pairs:
        results = pair["suite"] if scope is None else pair["benchmarks"].get(scope, {})
        for metric, result in results.items():
            difference = f"{pair['first']} − {pair['second']}"
            p_values = f"{p_value_text(result['p_value'])} | {p_value_text(result['p_holm'])}"
            lines.append(
                f"| {metric} | {difference} | {number_text(result['value'])} | {interval_text(result)} | "
                f"{p_values} | {result['test'] or '–'} |"
            )
    return lines


def render_comparison(comparison: Mapping[str, Any], metrics: Sequence[str]) -> str:
    """The comparison as markdown: models, input problems, then per benchmark and for the suite the
    models side by side and the paired differences."""
    lines = ["## Models", "", "| model | model_args | path |", "|---|---|---|"]
    lines += [f"| {m['label']} | {m['model_args'] or '–'} | {m['path']} |" for m in comparison["models"]]
    lines.append("")
    if comparison["problems"]:
        lines += ["## Input problems", "", *[f"- {problem}" for problem in comparison["problems"]], ""]
    reports = comparison["reports"]
    benchmarks = sorted({b for report in reports.values() for b in report["benchmarks"]})
    for benchmark in benchmarks:
        scopes = {label: report["benchmarks"].get(benchmark, {}) for label, report in reports.items()}
        lines += [f"## {benchmark}", "", *side_by_side(scopes, metrics), ""]
        lines += [*differences_table(comparison["pairs"], benchmark), ""]
    if len(benchmarks) > 1:
        scopes = {label: report["suite"] for label, report in reports.items()}
        lines += [
            "## Suite (mean over benchmarks, each weighted equally)",
            "",
            *side_by_side(scopes, metrics),
            "",
        ]
        lines += [*differences_table(comparison["pairs"], None), ""]
    return "\n".join(lines)
