"""``modbias report PATH...``: every bias metric, with intervals, from records or lmms-eval logs."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from mb_tasks.metrics import compute_report
from mb_tasks.report import read_records, render_markdown

CSV_FIELDS = ("scope", "metric", "value", "ci_low", "ci_high", "n", "p_value", "p_holm")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="compute every bias metric from records or lmms-eval --log_samples output",
        description=(
            "Read modbias records (records JSONL, lmms-eval or lm-eval --log_samples files, or output "
            "folders searched recursively) and print a markdown table per benchmark and the suite summary."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="records file, samples file or folder")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the report as JSON")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="also write the report as CSV")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    parser.add_argument(
        "--resamples", type=int, default=10_000, help="bootstrap resamples (default 10000; 0 = no intervals)"
    )
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
    rows = [
        {"scope": scope, "metric": name, **result}
        for scope, results in [*report["benchmarks"].items(), ("suite", report["suite"])]
        for name, result in results.items()
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def run(args: argparse.Namespace) -> int:
    read = read_records(args.paths)
    for problem in read.problems:
        print(f"modbias report: {problem}", file=sys.stderr)
    if not read.records:
        print(
            "modbias report: no usable records were read from "
            f"{', '.join(map(str, args.paths))} (see the problems above); expected records JSONL, "
            "lmms-eval --log_samples *.jsonl files, or folders containing them",
            file=sys.stderr,
        )
        return 1
    base_llm = read_records(args.base_llm).records if args.base_llm else None
    report = compute_report(read.records, seed=args.seed, resamples=args.resamples, base_llm_records=base_llm)
    if not report["benchmarks"]:
        print("modbias report: no record could be used: " + "; ".join(report["problems"]), file=sys.stderr)
        return 1
    print(render_markdown(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.csv:
        write_csv(report, args.csv)
    if args.html or args.plots:
        from mb_tasks.report.visuals import write_visuals  # matplotlib: imported only when plotting

        write_visuals(report, read.files, args.paths, html_path=args.html, plots_dir=args.plots)
    return 0
