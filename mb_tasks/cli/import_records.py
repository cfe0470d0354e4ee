"""``modbias import FORMAT PATH... -o records.jsonl``: other tools' and papers' per-item answers as
modbias records, which ``modbias report``, ``compare`` and ``leaderboard`` read.

(The module is not called ``import``, a Python keyword; ``mb_tasks.cli.main`` maps the name.)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mb_tasks.importers import FORMATS, ImportRequest, ImportResult, import_records
from mb_tasks.importers.answers import check_answer_type
from mb_tasks.importers.base import MAX_RESPONSE_CHARS
from mb_tasks.records import VARIANTS

#: At most this many problems are listed in the summary file; the rest are counted.
MAX_LISTED_PROBLEMS = 200


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="turn other tools' or papers' per-item answers into modbias records",
        description=(
            "Read per-item answers in FORMAT and write modbias records (JSONL) that modbias report, "
            "compare and leaderboard read. PATHs hold the answers with the image (variant --variant, "
            "default original); --without-image files the same model's answers without it (no_image). "
            "Every record keeps its provenance in 'source'; rows that cannot become records are named "
            "(file:row) on stderr and listed in OUT's summary file (OUT with .import.json). An OUT ending "
            "in .gz (records.jsonl.gz) is written gzip-compressed, byte-identical on every run (no time "
            "stamp or file name in the header); modbias report, compare and leaderboard read it as is."
        ),
    )
    parser.add_argument("format", choices=list(FORMATS), metavar="FORMAT", help=", ".join(FORMATS))
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="answer files (with the image)")
    parser.add_argument(
        "-o",
        "--out",
        type=Path,
        required=True,
        metavar="OUT",
        help="records JSONL to write (.jsonl.gz: compressed)",
    )
    parser.add_argument("--with-image", nargs="+", type=Path, default=[], metavar="PATH", help="same as PATH")
    parser.add_argument(
        "--without-image", nargs="+", type=Path, default=[], metavar="PATH", help="answers without the image"
    )
    parser.add_argument("--model", help="the model's name (kept in every record's source)")
    parser.add_argument("--repo", metavar="OWNER/NAME", help="repository the files come from")
    parser.add_argument("--commit", metavar="SHA", help="commit of that repository")
    parser.add_argument("--benchmark", help="benchmark name for the records (default: from the format)")
    parser.add_argument("--variant", default="original", choices=VARIANTS, help="variant of PATH answers")
    parser.add_argument("--map", default="", metavar="FIELD=COLUMN,...", help="column map (generic, samples)")
    parser.add_argument(
        "--variant-values", default="", metavar="VALUE=VARIANT,...", help="rename condition values (generic)"
    )
    parser.add_argument("--answer-type", help="mcq, yesno, open, vqa or relaxed (default: inferred)")
    parser.add_argument("--choices", default="ABCD", help="option letters when a row lists none (samples)")
    parser.add_argument(
        "--data", type=Path, metavar="PATH", help="items file (mathv); the data's local copy (samples)"
    )
    parser.add_argument(
        "--as-original-of",
        metavar="TASK",
        help="samples: a standard run read as modbias task TASK's original variant (prompts must match)",
    )
    parser.add_argument(
        "--max-response-chars",
        type=int,
        default=MAX_RESPONSE_CHARS,
        metavar="N",
        help="keep the last N characters of longer responses (0: keep all; default %(default)s)",
    )
    parser.set_defaults(func=run)


def key_values(text: str, option: str) -> dict[str, str]:
    """``a=b,c=d`` as a dict; ValueError naming ``option`` for a part without "="."""
    pairs = [part.strip() for part in text.split(",") if part.strip()]
    bad = [part for part in pairs if "=" not in part]
    if bad:
        raise ValueError(f"{option}: {', '.join(bad)} is not NAME=VALUE")
    return dict(tuple(part.split("=", 1)) for part in pairs)  # type: ignore[misc]


def build_request(args: argparse.Namespace) -> ImportRequest:
    """The import request the arguments describe (ValueError for a malformed option)."""
    problem = check_answer_type(args.answer_type)
    if problem:
        raise ValueError(f"--answer-type: {problem}")
    return ImportRequest(
        paths=tuple(args.paths) + tuple(args.with_image),
        without_image=tuple(args.without_image),
        model=args.model,
        repo=args.repo,
        commit=args.commit,
        benchmark=args.benchmark,
        variant=args.variant,
        answer_type=args.answer_type,
        choices=args.choices,
        data=args.data,
        column_map=key_values(args.map, "--map"),
        variant_values=key_values(args.variant_values, "--variant-values"),
        max_response_chars=args.max_response_chars,
        as_original_of=args.as_original_of,
    )


def summary_path(out: Path) -> Path:
    """Where the summary of an import into ``out`` goes: ``records.jsonl`` (or ``records.jsonl.gz``) ->
    ``records.import.json``."""
    name = out.name.removesuffix(".gz")
    return out.with_name(f"{Path(name).stem}.import.json")


def import_summary(format_name: str, request: ImportRequest, result: ImportResult) -> dict[str, Any]:
    """What an import read, made and left out (saved next to the records)."""
    per_variant = Counter(record["variant"] for record in result.records)
    return {
        "format": format_name,
        "inputs": {
            "with_image": [str(path) for path in request.paths],
            "without_image": [str(path) for path in request.without_image],
        },
        "provenance": {"model": request.model, "repo": request.repo, "commit": request.commit},
        "records": len(result.records),
        "records_per_variant": {
            variant: per_variant[variant] for variant in VARIANTS if variant in per_variant
        },
        "source_scored": sum(record.get("scored_by") == "source" for record in result.records),
        "responses_truncated": sum("response_chars" in record for record in result.records),
        "problem_count": len(result.problems),
        "problems": result.problems[:MAX_LISTED_PROBLEMS],
    }


def record_line(record: dict[str, Any]) -> str:
    """One record as a compact JSON line, fields without a value left out (readers treat them as null)."""
    present = {key: value for key, value in record.items() if value is not None}
    return json.dumps(present, ensure_ascii=False, separators=(",", ":")) + "\n"


def records_bytes(records: list[dict[str, Any]], compressed: bool) -> bytes:
    """The records as JSON lines, gzip-compressed without time stamp or file name when ``compressed``
    (so that the same records always give the same bytes)."""
    text = "".join(record_line(record) for record in records).encode("utf-8")
    return gzip.compress(text, mtime=0) if compressed else text


def write_records(result: ImportResult, out: Path) -> None:
    """Write the records to ``out`` (gzip-compressed when it ends in .gz), creating its folder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(records_bytes(result.records, out.suffix == ".gz"))


def run(args: argparse.Namespace) -> int:
    try:
        request = build_request(args)
    except ValueError as error:
        print(f"modbias import: {error}", file=sys.stderr)
        return 2
    if not request.paths and not request.without_image:
        print("modbias import: give at least one answer file (PATH or --without-image)", file=sys.stderr)
        return 2
    result = import_records(args.format, request)
    for problem in result.problems:
        print(f"modbias import: {problem}", file=sys.stderr)
    if not result.records:
        print(
            f"modbias import: no records could be made from the {args.format} input; nothing written",
            file=sys.stderr,
        )
        return 1
    write_records(result, args.out)
    summary = import_summary(args.format, request, result)
    summary_path(args.out).write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    counts = ", ".join(f"{variant} {n}" for variant, n in summary["records_per_variant"].items())
    print(
        f"wrote {len(result.records)} records ({counts}) to {args.out}; "
        f"{len(result.problems)} problem(s), listed in {summary_path(args.out)}"
    )
    return 0
