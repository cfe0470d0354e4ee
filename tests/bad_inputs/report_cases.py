"""Shared by the bad-input report tests: the audit's ``mk`` (the shipped example's first 45 records,
edited), writing them as JSONL, and running `modbias report` on them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mb_tasks.metrics import compute_report
from tests.conftest import Modbias

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "records.jsonl"


def example(count: int | None = 45) -> list[dict]:
    """The first ``count`` records of the shipped example (45: 5 toy_mcq items × 9 variants), as the
    audit's ``mk`` uses."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:count]]


def mk(edit: Callable[[list[dict]], Any] = lambda records: None, count: int | None = 45) -> list[dict]:
    """The example records after ``edit`` (which changes the list in place), like the audit's ``mk``."""
    records = example(count)
    edit(records)
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def report_of(records: list[dict]) -> dict:
    return compute_report(records, resamples=0)


def left_out(report: dict, benchmark: str = "toy_mcq") -> dict[str, int]:
    return report["counts"][benchmark]["records_left_out"]


def run_report(modbias: Modbias, *args: str | Path) -> tuple[subprocess.CompletedProcess[str], dict | None]:
    """`modbias report ARGS... --json OUT --resamples 50`: the finished process and the saved JSON."""
    out = Path(str(args[0])).parent / "report_out.json"
    result = modbias("report", *map(str, args), "--json", str(out), "--resamples", "50")
    return result, (json.loads(out.read_text()) if result.returncode == 0 else None)
