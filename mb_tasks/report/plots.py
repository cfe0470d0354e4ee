"""Report plots (matplotlib, Agg canvas; no display needed): accuracy per variant, invalid-answer
rates per variant and the bias profile, each as grouped bars (one colour per model) with 95%
interval bars. Every function takes report dicts as :func:`mb_tasks.metrics.compute_report` returns
them, keyed by model label."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mb_tasks.metrics.catalogue import PROFILE_METRICS
from mb_tasks.records import ALL_VARIANTS
from mb_tasks.report.names import plain_title, safe_file_stem

Report = dict[str, Any]


@dataclass(frozen=True)
class Plot:
    """One figure of the report: its scope (a benchmark, or None for the suite), a file-name stem (a
    :func:`safe_file_stem`), a caption, the metrics it shows, and the figure."""

    scope: str | None
    stem: str
    caption: str
    metrics: tuple[str, ...]
    figure: Figure


def _grouped_bars(
    scope_of: Mapping[str, Mapping[str, Any]],
    metrics: list[str],
    labels: list[str],
    title: str,
    ylabel: str,
    tick_prefix: str = "",
) -> Figure:
    """Bars of ``metrics`` (x, named without ``tick_prefix``) for each model (colour), with 95% interval
    whiskers."""
    figure = Figure(figsize=(max(5.0, 0.9 * len(metrics) + 2.5), 3.6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    width = 0.8 / max(1, len(labels))
    positions = np.arange(len(metrics))
    for index, label in enumerate(labels):
        results = scope_of[label]
        values, lower, upper = [], [], []
        for metric in metrics:
            result = results.get(metric) or {}
            value = result.get("value")
            values.append(np.nan if value is None else value)
            low, high = result.get("ci_low"), result.get("ci_high")
            lower.append(0.0 if value is None or low is None else max(0.0, value - low))
            upper.append(0.0 if value is None or high is None else max(0.0, high - value))
        axes.bar(
            positions + (index - (len(labels) - 1) / 2) * width,
            values,
            width,
            yerr=np.array([lower, upper]),
            capsize=3,
            label=plain_title(label),
            color=f"C{index}",
        )
    axes.axhline(0.0, color="black", linewidth=0.8)
    ticks = [metric.removeprefix(tick_prefix).replace("_", " ") for metric in metrics]
    axes.set_xticks(positions, ticks, rotation=30, ha="right")
    axes.set_ylabel(ylabel)
    axes.set_title(plain_title(title))
    if len(labels) > 1:
        axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    figure.tight_layout()
    return figure


def _present(scopes: list[Mapping[str, Any]], names: list[str]) -> list[str]:
    return [name for name in names if any(name in scope for scope in scopes)]


def _benchmarks(reports: Mapping[str, Report]) -> list[str]:
    return sorted({benchmark for report in reports.values() for benchmark in report["benchmarks"]})


def report_plots(reports: Mapping[str, Report]) -> list[Plot]:
    """Every plot of the report: the suite bias profile, then per benchmark accuracy per variant,
    invalid-answer rate per variant and the bias profile."""
    labels = list(reports)
    plots: list[Plot] = []
    suites = {label: reports[label].get("suite") or {} for label in labels}
    suite_profile = _present(list(suites.values()), list(PROFILE_METRICS))
    if suite_profile:
        plots.append(
            Plot(
                None,
                "suite_bias_profile",
                "Bias profile, suite (mean over benchmarks)",
                tuple(suite_profile),
                _grouped_bars(suites, suite_profile, labels, "Bias profile: suite", "value"),
            )
        )
    for benchmark in _benchmarks(reports):
        scope = {label: reports[label]["benchmarks"].get(benchmark, {}) for label in labels}
        scopes = list(scope.values())
        for prefix, what, ylabel in (
            ("acc_", "Accuracy", "accuracy"),
            ("invalid_rate_", "Invalid answers", "share"),
        ):
            metrics = _present(scopes, [prefix + variant for variant in ALL_VARIANTS])
            if metrics:
                title = f"{what} per variant: {benchmark}"
                figure = _grouped_bars(scope, metrics, labels, title, ylabel, tick_prefix=prefix)
                stem = f"{safe_file_stem(benchmark)}_{prefix.rstrip('_')}"
                plots.append(
                    Plot(benchmark, stem, f"{what} per variant, {benchmark}", tuple(metrics), figure)
                )
        profile = _present(scopes, list(PROFILE_METRICS))
        if profile:
            figure = _grouped_bars(scope, profile, labels, f"Bias profile: {benchmark}", "value")
            plots.append(
                Plot(
                    benchmark,
                    f"{safe_file_stem(benchmark)}_bias_profile",
                    f"Bias profile, {benchmark}",
                    tuple(profile),
                    figure,
                )
            )
    return plots


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes (no timestamp or software metadata, so the bytes are reproducible)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def write_plots(reports: Mapping[str, Report], directory: Path) -> list[Path]:
    """Write every plot as ``<directory>/<stem>.png`` (stems made by :func:`safe_file_stem`, so every
    file is inside ``directory``); return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for plot in report_plots(reports):
        path = directory / f"{plot.stem}.png"
        path.write_bytes(figure_png(plot.figure))
        written.append(path)
    return written
