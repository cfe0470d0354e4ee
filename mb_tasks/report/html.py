"""The HTML report: one self-contained file (inline CSS, plots as PNG data URIs), for one model or
several side by side. Warnings come first, then where the records came from (sources), then the suite,
then each benchmark (accuracy, invalid answers and the bias profile, each as a plot and a table), then
the legend of formulas."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from mb_tasks.metrics.catalogue import legend_line
from mb_tasks.report.markdown import (
    benchmark_counts_text,
    input_summary,
    interval_text,
    number_text,
    source_line,
)
from mb_tasks.report.plots import Plot, Report, figure_png, report_plots

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f0f0f0; }
.ci, .n { color: #666; font-size: 0.85em; }
.warnings li { background: #fff3cd; border-left: 4px solid #e0a800; margin: 0.3em 0; padding: 0.4em; }
.ok { color: #2e7d32; }
figure { margin: 0.8em 0; } figure img { max-width: 100%; }
dt { font-weight: bold; margin-top: 0.5em; } dd { margin-left: 1.5em; font-family: monospace; }
"""


def _cell(result: Mapping[str, Any] | None) -> str:
    if not result:
        return "<td>–</td>"
    text = number_text(result.get("value"))
    if result.get("ci_low") is not None:
        text += f' <span class="ci">{interval_text(result)}</span>'
    text += f' <span class="n">n={result.get("n", "–")}</span>'
    if result.get("p_holm") is not None:
        text += f' <span class="n">p<sub>Holm</sub>={result["p_holm"]:.3g}</span>'
    return f"<td>{text}</td>"


def _metrics_table(scope_of: Mapping[str, Mapping[str, Any]], metrics: list[str] | tuple[str, ...]) -> str:
    """A table with a row per metric and a column per model (value, 95% CI, n, Holm p)."""
    head = "".join(f"<th>{html.escape(label)}</th>" for label in scope_of)
    rows = [
        f"<tr><td>{html.escape(metric)}</td>"
        + "".join(_cell(scope.get(metric)) for scope in scope_of.values())
        for metric in metrics
    ]
    return (
        f'<table class="metrics"><thead><tr><th>metric</th>{head}</tr></thead>'
        f"<tbody>{'</tr>'.join(rows)}</tr></tbody></table>"
    )


def _differences_table(pairs: Sequence[Mapping[str, Any]], scope: str | None) -> str:
    """Paired differences between models (first − second) for one benchmark, or the suite (None)."""
    rows = []
    for pair in pairs:
        results = pair["suite"] if scope is None else pair["benchmarks"].get(scope, {})
        difference = html.escape(f"{pair['first']} − {pair['second']}")
        for metric, result in results.items():
            p_value = "–" if result["p_value"] is None else f"{result['p_value']:.3g}"
            p_holm = "–" if result["p_holm"] is None else f"{result['p_holm']:.3g}"
            interval = "" if result["ci_low"] is None else f" {interval_text(result)}"
            rows.append(
                f"<tr><td>{html.escape(metric)}</td><td>{difference}</td>"
                f'<td>{number_text(result["value"])}<span class="ci">{interval}</span></td>'
                f"<td>{p_value}</td><td>{p_holm}</td><td>{result['test'] or '–'}</td></tr>"
            )
    if not rows:
        return ""
    return (
        '<table class="differences"><thead><tr><th>metric</th><th>difference</th><th>value [95% CI]</th>'
        f"<th>p</th><th>p (Holm)</th><th>test</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _figure(plot: Plot) -> str:
    encoded = base64.b64encode(figure_png(plot.figure)).decode("ascii")
    caption = html.escape(plot.caption)
    return (
        f'<figure><img src="data:image/png;base64,{encoded}" alt="{caption}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _labelled_items(reports: Mapping[str, Report], texts: Callable[[Report], Iterable[str]]) -> list[str]:
    """An escaped <li> per text of each report, prefixed with the report's label when there are several."""
    several = len(reports) > 1
    return [
        f"<li>{html.escape(f'[{label}] ' if several else '')}{html.escape(text)}</li>"
        for label, report in reports.items()
        for text in texts(report)
    ]


def _warnings(reports: Mapping[str, Report]) -> str:
    several = len(reports) > 1
    items = _labelled_items(reports, lambda report: report.get("warnings", []))
    body = f'<ul class="warnings">{"".join(items)}</ul>' if items else '<p class="ok">No warnings.</p>'
    problems = [
        f"<li>{html.escape(problem)}</li>"
        for report in reports.values()
        for problem in report.get("problems", [])
    ]
    if problems:
        inputs = [
            f'<p class="input">{html.escape(f"[{label}] " if several else "")}{html.escape(text)}</p>'
            for label, report in reports.items()
            if (text := input_summary(report))
        ]
        summary = f"<summary>{len(problems)} input problem(s)</summary>"
        body += f"{''.join(inputs)}<details>{summary}<ul>{''.join(problems)}</ul></details>"
    return f'<section id="warnings"><h2>Warnings</h2>{body}</section>'


def _sources(reports: Mapping[str, Report]) -> str:
    """Where each report's records came from (``report["sources"]``); empty when none says."""
    items = _labelled_items(reports, lambda report: map(source_line, report.get("sources", [])))
    return f'<section id="sources"><h2>Sources</h2><ul>{"".join(items)}</ul></section>' if items else ""


def _models(reports: Mapping[str, Report], model_args: Mapping[str, str | None]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(label)}</td><td>{html.escape(model_args.get(label) or '–')}</td>"
        f"<td>{len(report['benchmarks'])}</td>"
        f"<td>{sum(c.get('items', 0) for c in report.get('counts', {}).values())}</td></tr>"
        for label, report in reports.items()
    )
    return (
        '<table id="models"><thead><tr><th>model</th><th>model_args</th><th>benchmarks</th><th>items</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _legend(metrics: set[str]) -> str:
    lines = sorted({text for text in map(legend_line, metrics) if text})
    items = [
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(text)}</dd>"
        for name, text in (line.split(" = ", 1) for line in lines)
    ]
    notation = (
        "c^k: an item's score under variant k (0..1, invalid answers score 0); a^k: its parsed answer; "
        "h: the hinted wrong answer; intervals: 95% paired bootstrap over items (or clusters); "
        "p<sub>Holm</sub>: exact McNemar p-value, Holm-adjusted across the report."
    )
    return f'<section id="legend"><h2>Legend</h2><p>{notation}</p><dl>{"".join(items)}</dl></section>'


def render_html(
    reports: Mapping[str, Report],
    *,
    model_args: Mapping[str, str | None] | None = None,
    title: str = "modbias report",
    differences: Sequence[Mapping[str, Any]] = (),
) -> str:
    """One self-contained HTML page for the reports (keyed by model label), plots embedded as PNG.
    ``differences``: the ``pairs`` of :func:`mb_tasks.compare.compare_runs`, shown per benchmark and
    for the suite."""
    plots = report_plots(reports)
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
        _models(reports, model_args or {}),
        _warnings(reports),
        _sources(reports),
    ]
    shown: set[str] = set()
    suites = {label: report.get("suite") or {} for label, report in reports.items()}
    suite_plots = [plot for plot in plots if plot.scope is None]
    if suite_plots:
        parts.append('<section id="suite"><h2>Suite (mean over benchmarks, each weighted equally)</h2>')
        for plot in suite_plots:
            parts += [_figure(plot), _metrics_table(suites, plot.metrics)]
            shown.update(plot.metrics)
        parts += [_differences_table(differences, None), "</section>"]
    benchmarks = sorted({b for report in reports.values() for b in report["benchmarks"]})
    for benchmark in benchmarks:
        scope = {label: report["benchmarks"].get(benchmark, {}) for label, report in reports.items()}
        items = "".join(
            f"<li>{html.escape(label)}: "
            f"{html.escape(benchmark_counts_text(report.get('counts', {}).get(benchmark, {})))}</li>"
            for label, report in reports.items()
        )
        parts.append(
            f'<section class="benchmark" id="benchmark-{html.escape(benchmark)}">'
            f'<h2>{html.escape(benchmark)}</h2><ul class="counts">{items}</ul>'
        )
        for plot in plots:
            if plot.scope == benchmark:
                parts += [_figure(plot), _metrics_table(scope, plot.metrics)]
        parts.append(_differences_table(differences, benchmark))
        every = list(dict.fromkeys(name for results in scope.values() for name in results))
        shown.update(every)
        summary = f"<summary>All {len(every)} metrics</summary>"
        parts.append(f"<details>{summary}{_metrics_table(scope, every)}</details></section>")
    parts += [_legend(shown), "</body></html>"]
    return "\n".join(parts) + "\n"
