"""``modbias compare RUN...``: several models side by side on the same items, with paired differences."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mb_tasks.cli.bootstrap_options import add_bootstrap_options
from mb_tasks.compare import HEADLINE_METRICS, compare_runs
from mb_tasks.compare.markdown import render_comparison
from mb_tasks.progress import progress
from mb_tasks.report.runs import read_run


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="several models side by side, with paired differences between them",
        description=(
            "Each RUN is one model's output (an lmms-eval output folder, a samples file or a records "
            "file). Over the records every run shares, print each model's metrics side by side and every "
            "pair's differences (first − second) with 95%% paired-bootstrap intervals and Holm-adjusted "
            "p-values."
        ),
    )
    parser.add_argument("runs", nargs="+", metavar="RUN", help="one model's output folder or file")
    parser.add_argument(
        "--metrics",
        default=",".join(HEADLINE_METRICS),
        help="comma-separated metrics to compare (default: %(default)s)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the comparison as JSON")
    parser.add_argument("--html", type=Path, metavar="OUT", help="also write an HTML report of all models")
    add_bootstrap_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if len(args.runs) < 2:
        print("modbias compare: give at least two runs (one per model)", file=sys.stderr)
        return 2
    runs = [read_run(path) for path in progress(args.runs, "reading runs", unit="run")]
    empty = [str(r.path) for r in runs if not r.screening.records_read]
    if empty:
        for problem in (p for r in runs for p in r.problems):
            print(f"modbias compare: {problem}", file=sys.stderr)
        print(f"modbias compare: no usable records in {', '.join(empty)}", file=sys.stderr)
        return 1
    metrics = [name.strip() for name in args.metrics.split(",") if name.strip()]
    comparison = compare_runs(runs, metrics=metrics, seed=args.seed, resamples=args.resamples)
    if not any(report["benchmarks"] for report in comparison["reports"].values()):
        print(
            "modbias compare: the runs share no records (no common benchmark, item and variant)",
            file=sys.stderr,
        )
        return 1
    print(render_comparison(comparison, metrics))
    if args.json:
        args.json.write_text(json.dumps(comparison, indent=2) + "\n", encoding="utf-8")
    if args.html:
        from mb_tasks.report.html import render_html  # matplotlib: imported only when plotting

        model_args = {model["label"]: model["model_args"] for model in comparison["models"]}
        page = render_html(
            comparison["reports"],
            model_args=model_args,
            title="modbias comparison",
            differences=comparison["pairs"],
        )
        args.html.write_text(page, encoding="utf-8")
    return 0
