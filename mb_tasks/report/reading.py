"""Finding modbias records in files.

A PATH may be a records JSONL file (one record per line), an lmms-eval or lm-eval ``--log_samples``
file (each line a sample whose metric keys hold the record), or an output folder (searched
recursively for ``*.jsonl``). Nothing is dropped silently: every skipped line is a problem named
``file:line``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mb_tasks.progress import progress
from mb_tasks.records import Record, is_record

#: At most this many problems are listed per file; the rest are counted.
MAX_PROBLEMS_PER_FILE = 20


@dataclass
class ReadResult:
    """Records read, the files they came from, and every problem met."""

    records: list[Record] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _record_in(line_value: object) -> Record | None:
    """The record a JSON line holds: the line itself, or the first record under a sample's keys."""
    if is_record(line_value):
        return line_value  # type: ignore[return-value]
    if isinstance(line_value, dict):
        for value in line_value.values():
            if is_record(value):
                return value
    return None


def _read_file(path: Path, result: ReadResult) -> None:
    problems: list[str] = []
    found = 0
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{path}:{number}: malformed JSON ({error.msg}), line skipped")
                continue
            record = _record_in(value)
            if record is None:
                problems.append(f"{path}:{number}: no modbias record on this line, skipped")
                continue
            result.records.append(record)
            found += 1
    if found:
        result.files.append(path)
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        extra = len(problems) - MAX_PROBLEMS_PER_FILE
        problems = [*problems[:MAX_PROBLEMS_PER_FILE], f"{path}: {extra} more problem line(s) not listed"]
    result.problems.extend(problems)


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*.jsonl") if p.is_file())


def read_records(paths: Iterable[str | Path]) -> ReadResult:
    """Read every record from the given files and folders (folders searched recursively)."""
    result = ReadResult()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _files_under(path)
            if not files:
                result.problems.append(f"{path}: no .jsonl files in this folder")
            for file in progress(files, f"reading {path}", unit="file"):
                _read_file(file, result)
        elif path.is_file():
            _read_file(path, result)
        else:
            result.problems.append(f"{path}: no such file or folder")
    return result
