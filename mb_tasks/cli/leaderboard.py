"""``modbias leaderboard RUN... --out FILE.{json,csv,md} [--html OUT]``: one row per model, sorted by
modality_bias_index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mb_tasks.cli.bootstrap_options import add_bootstrap_options
from mb_tasks.leaderboard import FORMATS, leaderboard_rows, render_leaderboard
from mb_tasks.leaderboard.html import render_html
from mb_tasks.progress import progress
from mb_tasks.report.runs import read_run


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "leaderboard",
        help="one row per model with headline metrics, sorted by modality_bias_index",
        description=(
            "Each RUN is one model's output (an lmms-eval output folder, a samples file or a records file). "
            "Writes one row per model (name and model_args from lmms-eval's results file) with suite-level "
            "headline metrics and 95%% intervals; the same inputs always give the same bytes."
        ),
    )
    parser.add_argument("runs", nargs="+", metavar="RUN", help="one model's output folder or file")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="output file: .json, .csv or .md (by extension)"
    )
    parser.add_argument(
        "--html", type=Path, metavar="OUT", help="also write a self-contained HTML page with sortable columns"
    )
    add_bootstrap_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.out is None and args.html is None:
        print("modbias leaderboard: give --out FILE, --html OUT or both", file=sys.stderr)
        return 2
    file_format = args.out.suffix.lstrip(".").lower() if args.out else "md"
    if file_format not in FORMATS:
        print(
            f"modbias leaderboard: --out {args.out}: unknown extension; use .json, .csv or .md",
            file=sys.stderr,
        )
        return 2
    runs = [read_run(path) for path in progress(args.runs, "reading runs", unit="run")]
    for problem in (p for r in runs for p in r.problems):
        print(f"modbias leaderboard: {problem}", file=sys.stderr)
    empty = [str(r.path) for r in runs if not r.screening.records_read]
    if empty:
        print(f"modbias leaderboard: no usable records in {', '.join(empty)}", file=sys.stderr)
        return 1
    item_sets = {frozenset(key[:2] for key in run.screening.record_keys()) for run in runs}
    if len(item_sets) > 1:
        print(
            "modbias leaderboard: the runs do not cover the same items; rows are not strictly comparable "
            "(see the items column, or use modbias compare for paired differences on shared items)",
            file=sys.stderr,
        )
    rows = leaderboard_rows(runs, seed=args.seed, resamples=args.resamples)
    if args.out:
        args.out.write_text(
            render_leaderboard(rows, file_format, seed=args.seed, resamples=args.resamples), encoding="utf-8"
        )
    if args.html:
        args.html.write_text(render_html(rows, seed=args.seed, resamples=args.resamples), encoding="utf-8")
    print(render_leaderboard(rows, "md", seed=args.seed, resamples=args.resamples), end="")
    return 0
