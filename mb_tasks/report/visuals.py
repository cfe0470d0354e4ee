"""Writing a report's HTML page and PNG plots, labelled with the model's name."""

from __future__ import annotations

from pathlib import Path

from mb_tasks.report.html import render_html
from mb_tasks.report.plots import Report, write_plots


def write_visuals(
    report: Report,
    label: str,
    model_args: str | None,
    *,
    html_path: Path | None = None,
    plots_dir: Path | None = None,
) -> None:
    """Write ``html_path`` and/or the PNGs under ``plots_dir`` (missing folders are created) for one
    model's report."""
    if html_path:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_text(render_html({label: report}, model_args={label: model_args}), encoding="utf-8")
    if plots_dir:
        write_plots({label: report}, plots_dir)
