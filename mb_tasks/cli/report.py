"""``modbias report PATH...``: every bias metric, with intervals, from records or lmms-eval logs."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from mb_tasks.cli.bootstrap_options import add_bootstrap_options
from mb_tasks.metrics.engine import report_of_screening
from mb_tasks.metrics.screening import Screening
from mb_tasks.report import render_markdown
from mb_tasks.report.names import spreadsheet_cell
from mb_tasks.report.reading import ReadResult, screen_paths, with_reader_input
from mb_tasks.report.runs import model_identity

CSV_FIELDS = ("scope", "metric", "value", "ci_low", "ci_high", "n", "p_value", "p_holm")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="compute every bias metric from records or lmms-eval --log_samples output",
        description=(
            "Read modbias records (records JSONL, lmms-eval or lm-eval --log_samples files, or output "
            "folders searched recursively) and print a markdown table per benchmark and the suite summary. "
            "Output files may be in folders that do not exist yet: they are created."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="records file, samples file or folder")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the report as JSON")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="also write the report as CSV")
    add_bootstrap_options(parser)
    parser.add_argument(
        "--base-llm",
        nargs="+",
        metavar="PATH",
        help="records of the base LLM answering without images (enables the ml metric)",
    )
    parser.add_argument("--html", type=Path, metavar="OUT", help="also write a self-contained HTML report")
    parser.add_argument(
        "--plots", type=Path, metavar="DIR", help="also write the report's plots as PNG files"
    )
    parser.set_defaults(func=run)


def write_csv(report: dict[str, Any], path: Path) -> None:
    """The report's metrics as CSV rows; text a spreadsheet would run as a formula is neutralised."""
    rows = [
        {key: spreadsheet_cell(value) for key, value in {"scope": scope, "metric": name, **result}.items()}
        for scope, results in [*report["benchmarks"].items(), ("suite", report["suite"])]
        for name, result in results.items()
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def _report(args: argparse.Namespace, read: ReadResult, screening: Screening) -> dict[str, Any]:
    """The report of the records read, with the reader's and the --base-llm reader's problems."""
    base_read, base_llm = screen_paths(args.base_llm) if args.base_llm else (None, None)
    report = report_of_screening(screening, seed=args.seed, resamples=args.resamples, base_llm=base_llm)
    report = with_reader_input(report, read)
    if base_read:
        report["problems"] += [f"base LLM: {problem}" for problem in base_read.problems]
    return report


def _model_label(
    args: argparse.Namespace, read: ReadResult, report: dict[str, Any]
) -> tuple[str, str | None]:
    """The label and model_args of --html and --plots: the model named by lmms-eval's results file
    next to the samples (its problems are added to the report's), else the paths given."""
    problems: list[str] = []
    model, model_args = model_identity(read.files, problems)
    report["problems"] += problems
    return model or ", ".join(map(str, args.paths)), model_args


def _write_outputs(
    args: argparse.Namespace, report: dict[str, Any], identity: tuple[str, str | None] | None
) -> None:
    """Write --json, --csv, and --html and --plots labelled by ``identity`` (missing folders are created)."""
    for path in (args.json, args.csv):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.csv:
        write_csv(report, args.csv)
    if identity is not None:
        from mb_tasks.report.visuals import write_visuals  # matplotlib: imported only when plotting

        write_visuals(report, *identity, html_path=args.html, plots_dir=args.plots)


def run(args: argparse.Namespace) -> int:
    read, screening = screen_paths(args.paths)
    for problem in read.problems:
        print(f"modbias report: {problem}", file=sys.stderr)
    if not read.found:
        print(
            "modbias report: no usable records were read from "
            f"{', '.join(map(str, args.paths))} (see the problems above); expected records JSONL, "
            "lmms-eval --log_samples *.jsonl files, or folders containing them",
            file=sys.stderr,
        )
        return 1
    report = _report(args, read, screening)
    if not report["benchmarks"]:
        print("modbias report: no record could be used: " + "; ".join(report["problems"]), file=sys.stderr)
        return 1
    identity = _model_label(args, read, report) if args.html or args.plots else None
    print(render_markdown(report))
    try:
        _write_outputs(args, report, identity)
    except OSError as error:
        print(f"modbias report: cannot write {error.filename}: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0
