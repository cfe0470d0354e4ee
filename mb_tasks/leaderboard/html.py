"""The leaderboard as one self-contained HTML page: no network, no external file. One row per model
with each headline metric's value, 95% interval and n, an inline-SVG dot plot of the value and its
interval (one shared scale per column, so a column reads as a dot plot of all models), and columns
sorted by a click on their header (a few lines of inline JavaScript; empty values always last)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from mb_tasks.leaderboard.rows import DIGITS, LEADERBOARD_METRICS
from mb_tasks.metrics.catalogue import legend_line, metric

PLOT_WIDTH, PLOT_HEIGHT, PLOT_MARGIN = 140, 16, 6
DOT_COLOUR = "#1f77b4"

STYLE = """
body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border-bottom: 1px solid #ddd; padding: 6px 10px; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f4f4f4; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
.ci, small { color: #666; }
svg { display: block; margin-top: 3px; }
dt { font-weight: bold; margin-top: 8px; }
"""

SCRIPT = """
(function () {
  var table = document.getElementById("leaderboard");
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function key(row, column, numeric) {
    var raw = row.cells[column].getAttribute("data-value");
    if (raw === "") return null;
    return numeric ? Number(raw) : raw;
  }
  function sortBy(header) {
    var column = header.cellIndex;
    var numeric = header.getAttribute("data-type") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, column, numeric), y = key(b, column, numeric);
      if (x === null || y === null) return (x === null) - (y === null);
      var order = numeric ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  headers.forEach(function (header) {
    header.addEventListener("click", function () { sortBy(header); });
  });
})();
"""


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def metric_scale(rows: Sequence[dict[str, Any]], metric: str) -> tuple[float, float]:
    """The (low, high) range a metric's column is drawn on: every value and interval end in it."""
    ends = [
        row[key]
        for row in rows
        for key in (metric, f"{metric}_ci_low", f"{metric}_ci_high")
        if row[key] is not None
    ]
    low, high = (min(ends), max(ends)) if ends else (0.0, 1.0)
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def dot_plot(row: dict[str, Any], metric: str, scale: tuple[float, float]) -> str:
    """An inline SVG: the value as a dot on its interval, on the column's scale (a dashed line at 0)."""
    value = row[metric]
    if value is None:
        return ""
    low, high = scale

    def x(number: float) -> float:
        return round(PLOT_MARGIN + (number - low) / (high - low) * (PLOT_WIDTH - 2 * PLOT_MARGIN), 1)

    middle = PLOT_HEIGHT // 2

    def line(start: float, end: float, style: str, top: float = middle, bottom: float = middle) -> str:
        return f'<line x1="{start}" x2="{end}" y1="{top}" y2="{bottom}" {style}/>'

    parts = [line(PLOT_MARGIN, PLOT_WIDTH - PLOT_MARGIN, 'stroke="#ddd"')]
    if low < 0 < high:
        parts.append(line(x(0), x(0), 'stroke="#999" stroke-dasharray="2,2"', 1, PLOT_HEIGHT - 1))
    ci_low, ci_high = row[f"{metric}_ci_low"], row[f"{metric}_ci_high"]
    if ci_low is not None and ci_high is not None:
        parts.append(line(x(ci_low), x(ci_high), 'stroke="#333" stroke-width="2"'))
    parts.append(f'<circle cx="{x(value)}" cy="{middle}" r="4" fill="{DOT_COLOUR}"/>')
    label = escape(f"{metric} = {_number(value)} [{_number(ci_low)}, {_number(ci_high)}]")
    opening = f'<svg class="dot" width="{PLOT_WIDTH}" height="{PLOT_HEIGHT}" role="img" aria-label="{label}">'
    return f"{opening}<title>{label}</title>{''.join(parts)}</svg>"


def _data_value(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.{DIGITS}f}" if isinstance(value, float) else escape(str(value))


def metric_cell(row: dict[str, Any], metric: str, scale: tuple[float, float]) -> str:
    """A metric's cell: value, interval and n as text, then its dot plot; sorted by the value."""
    value = row[metric]
    low, high, n = row[f"{metric}_ci_low"], row[f"{metric}_ci_high"], row[f"{metric}_n"]
    text = f'<span class="value">{_number(value)}</span>'
    if value is not None and low is not None:
        text += f' <span class="ci">[{_number(low)}, {_number(high)}]</span>'
    if n is not None:
        text += f" <small>n={n}</small>"
    return f'<td data-value="{_data_value(value)}">{text}{dot_plot(row, metric, scale)}</td>'


def _arrow(name: str) -> str:
    """The arrow after a metric's name, " ↑" or " ↓": its direction in the catalogue."""
    return {True: " ↑", False: " ↓"}.get(metric(name).higher_is_better, "")


def _header() -> str:
    cells = ['<th data-type="number" aria-sort="ascending">rank</th>', '<th data-type="text">model</th>']
    cells.append('<th data-type="number">items</th>')
    cells += [
        f'<th data-type="number" data-key="{m}" title="{escape(legend_line(m) or m)}">{m}{_arrow(m)}</th>'
        for m in LEADERBOARD_METRICS
    ]
    return f"<thead><tr>{''.join(cells)}</tr></thead>"


def _row(row: dict[str, Any], scales: dict[str, tuple[float, float]]) -> str:
    model = escape(row["model"])
    arguments = f"<br><small>{escape(row['model_args'])}</small>" if row["model_args"] else ""
    cells = [
        f'<td data-value="{row["rank"]}">{row["rank"]}</td>',
        f'<td data-value="{model}" class="model">{model}{arguments}</td>',
        f'<td data-value="{row["items"]}">{row["items"]}</td>',
        *(metric_cell(row, metric, scales[metric]) for metric in LEADERBOARD_METRICS),
    ]
    return f"<tr>{''.join(cells)}</tr>"


def _legend() -> str:
    entries = "".join(
        f"<dt>{m}{_arrow(m)}</dt><dd>{escape(legend_line(m) or '')}</dd>" for m in LEADERBOARD_METRICS
    )
    return f'<section id="legend"><h2>Metrics</h2><dl>{entries}</dl></section>'


def render_html(rows: Sequence[dict[str, Any]], *, seed: int, resamples: int) -> str:
    """The page for ``leaderboard_rows``' rows (their order is the initial order)."""
    scales = {metric: metric_scale(rows, metric) for metric in LEADERBOARD_METRICS}
    body = "".join(_row(row, scales) for row in rows)
    intro = (
        "One row per model: suite-level headline metrics (means over benchmarks), each with its 95% "
        f"interval (paired bootstrap, seed {seed}, {resamples} resamples) and n. The dot shows the value, "
        "the bar its interval, on one scale per column. Click a column header to sort; ↑ higher is "
        "better, ↓ lower is better (modality_bias_index: 0 = vision-grounded, 1 = language-driven)."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>modbias leaderboard</title>'
        f"<style>{STYLE}</style></head><body><h1>modbias leaderboard</h1><p>{escape(intro)}</p>"
        f'<table id="leaderboard">{_header()}<tbody>{body}</tbody></table>{_legend()}'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
