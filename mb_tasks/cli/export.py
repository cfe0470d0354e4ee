"""``modbias export --format F RUN... -o OUT``: results in a format a public leaderboard takes in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mb_tasks.cli.bootstrap_options import add_bootstrap_options
from mb_tasks.export import FORMATS, ExportJob, writer
from mb_tasks.export.job import export_labels
from mb_tasks.progress import progress
from mb_tasks.report.runs import Run, read_run


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write results in a format leaderboards take in (Every Eval Ever, HF model card, ...)",
        description=(
            "Each RUN is one model's output (an lmms-eval output folder, a samples file or a records file). "
            "Formats: every-eval-ever (one log per model x benchmark with its per-sample records, schema "
            "0.3.0), hf-model-card (model-index metadata in a README.md per model), openvlm (an "
            "OpenVLM.json fragment), mmstar-submission (MMStar's three spreadsheets, from modbias_mmstar "
            "runs). Problems and left-out data are printed and saved in the export."
        ),
    )
    parser.add_argument("runs", nargs="+", metavar="RUN", help="one model's output folder or file")
    parser.add_argument("--format", required=True, choices=list(FORMATS), help="the output format")
    parser.add_argument("-o", "--out", type=Path, required=True, metavar="OUT", help="output folder")
    add_bootstrap_options(parser)
    parser.add_argument(
        "--base-llm",
        metavar="RUN",
        help="mmstar-submission: the base LLM's modbias_mmstar run (its no_image answers, else original)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help=(
            "mmstar-submission: local dataset copies (DIR/mmstar, as for modbias run --data-dir) to read "
            "MMStar's question, l2_category and bench from; default: Lin-Chen/MMStar from the hub"
        ),
    )
    parser.set_defaults(func=run)


def _readable(runs: list[Run]) -> bool:
    """Print every reading problem; False (with a message) if a run has no usable record."""
    for problem in (p for r in runs for p in r.problems):
        print(f"modbias export: {problem}", file=sys.stderr)
    empty = [str(r.path) for r in runs if not r.screening.records_read]
    if empty:
        print(f"modbias export: no usable records in {', '.join(empty)}", file=sys.stderr)
    return not empty


def run(args: argparse.Namespace) -> int:
    runs = [read_run(path) for path in progress(args.runs, "reading runs", unit="run")]
    base_llm = read_run(args.base_llm) if args.base_llm else None
    if not _readable(runs + ([base_llm] if base_llm else [])):
        return 1
    if args.format != "mmstar-submission" and (base_llm or args.data_dir):
        print(f"modbias export: --base-llm and --data-dir are not used by {args.format}", file=sys.stderr)
    labels = export_labels([*runs, *([base_llm] if base_llm else [])])
    base_llm_label = labels.pop() if base_llm else None
    job = ExportJob(runs, labels, args.seed, args.resamples, base_llm, base_llm_label, args.data_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        written = writer(args.format)(job, args.out)
    except ValueError as error:
        print(f"modbias export: {error}", file=sys.stderr)
        return 1
    for note in written.notes:
        print(f"modbias export: {note}", file=sys.stderr)
    for path in written.files:
        print(path)
    return 0
