"""Writing a report's HTML page and PNG plots, labelled with the model named by lmms-eval's results
file (else the paths given)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from mb_tasks.report.html import render_html
from mb_tasks.report.plots import Report, write_plots
from mb_tasks.report.runs import model_identity


def write_visuals(
    report: Report,
    files: list[Path],
    paths: Sequence[str | Path],
    *,
    html_path: Path | None = None,
    plots_dir: Path | None = None,
) -> None:
    """Write ``html_path`` and/or the PNGs under ``plots_dir`` for one run's report."""
    problems: list[str] = []
    model, model_args = model_identity(files, problems)
    for problem in problems:
        print(f"modbias report: {problem}", file=sys.stderr)
    label = model or ", ".join(map(str, paths))
    if html_path:
        html_path.write_text(render_html({label: report}, model_args={label: model_args}), encoding="utf-8")
    if plots_dir:
        write_plots({label: report}, plots_dir)
