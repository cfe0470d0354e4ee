"""Finding modbias records in files.

A PATH may be a records JSONL file (one record per line), an lmms-eval or lm-eval ``--log_samples``
file (each line a sample whose metric keys hold the record), or an output folder (searched
recursively for ``*.jsonl`` and ``*.jsonl.gz``; a ``.gz`` file is read through gzip). Nothing is
dropped silently: every skipped line is a problem named
``file:line``. Files are read as bytes and decoded line by line (UTF-8; a byte-order mark before the
first line is read as utf-8-sig does), so a line that is not UTF-8 text is skipped and named, and a
binary file is one problem; the other lines and files are still read.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mb_tasks.progress import progress
from mb_tasks.records import Record, is_record

#: At most this many problems are listed per file; the rest are counted.
MAX_PROBLEMS_PER_FILE = 20

_BOM = b"\xef\xbb\xbf"
#: What :func:`_line_value` returns for a line it skipped (a line may hold JSON null).
_SKIPPED = object()


@dataclass
class ReadResult:
    """Records read (``locations[i]`` is "file:line" of record i), the files they came from, and every
    problem met: ``files_read`` files were opened and ``lines_skipped`` non-blank lines skipped."""

    records: list[Record] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    files_read: int = 0
    lines_skipped: int = 0


@dataclass
class _FileTally:
    """What one file gave: records found, non-blank lines, skipped-line problems, undecodable lines."""

    found: int = 0
    lines: int = 0
    problems: list[str] = field(default_factory=list)
    not_text: int = 0
    has_nul: bool = False


def _record_in(line_value: object) -> Record | None:
    """The record a JSON line holds: the line itself, or the first record under a sample's keys (an
    lm-eval sample's logged ``doc`` is the task row, which looks like a record but is not one)."""
    if is_record(line_value):
        return line_value  # type: ignore[return-value]
    if isinstance(line_value, dict):
        for key, value in line_value.items():
            if key != "doc" and is_record(value):
                return value
    return None


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of each line, numbered as text mode would (``\\n``, ``\\r\\n`` or ``\\r``)."""
    number = 0
    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as handle:
        for chunk in handle:
            for line in chunk.splitlines():
                number += 1
                yield number, (line.removeprefix(_BOM) if number == 1 else line)


def _line_value(path: Path, number: int, line: bytes, tally: _FileTally) -> Any:
    """The JSON value of a non-blank line, or _SKIPPED after noting why it was skipped."""
    tally.has_nul = tally.has_nul or b"\x00" in line
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        tally.not_text += 1
        tally.problems.append(
            f"{path}:{number}: not UTF-8 text (byte 0x{line[error.start]:02x} at column {error.start + 1}), "
            "line skipped"
        )
        return _SKIPPED
    try:
        return json.loads(text)
    except ValueError as error:  # JSONDecodeError, or a number too long to convert
        tally.problems.append(
            f"{path}:{number}: malformed JSON ({getattr(error, 'msg', error)}), line skipped"
        )
    except RecursionError:
        tally.problems.append(f"{path}:{number}: JSON nested too deeply, line skipped")
    return _SKIPPED


def _file_problems(path: Path, tally: _FileTally) -> list[str]:
    """The file's problem lines: one for a binary file or an empty one, else the first
    MAX_PROBLEMS_PER_FILE skipped lines and a count of the rest."""
    if not tally.found and (tally.has_nul or tally.not_text * 2 > tally.lines):
        return [
            f"{path}: not a text file ({tally.not_text} of {tally.lines} lines are not UTF-8 text), skipped"
        ]
    if not tally.lines:
        return [f"{path}: empty file (no line with content), no records"]
    problems = tally.problems
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        extra = len(problems) - MAX_PROBLEMS_PER_FILE
        problems = [*problems[:MAX_PROBLEMS_PER_FILE], f"{path}: {extra} more problem line(s) not listed"]
    return problems


def _read_file(path: Path, result: ReadResult) -> None:
    tally = _FileTally()
    try:
        for number, line in _lines(path):
            if not line.strip():
                continue
            tally.lines += 1
            value = _line_value(path, number, line, tally)
            record = None if value is _SKIPPED else _record_in(value)
            if record is None:
                if value is not _SKIPPED:
                    tally.problems.append(f"{path}:{number}: no modbias record on this line, skipped")
                continue
            result.records.append(record)
            result.locations.append(f"{path}:{number}")
            tally.found += 1
    except (OSError, EOFError) as error:  # gzip: BadGzipFile is an OSError, a cut-off file an EOFError
        why = getattr(error, "strerror", None) or error
        tally.problems.append(f"{path}: cannot be read ({why}), skipped from here")
    result.files_read += 1
    result.lines_skipped += tally.lines - tally.found
    if tally.found:
        result.files.append(path)
    result.problems.extend(_file_problems(path, tally))


def _files_under(path: Path) -> list[Path]:
    return sorted(p for pattern in ("*.jsonl", "*.jsonl.gz") for p in path.rglob(pattern) if p.is_file())


def read_records(paths: Iterable[str | Path]) -> ReadResult:
    """Read every record from the given files and folders (folders searched recursively)."""
    result = ReadResult()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _files_under(path)
            if not files:
                result.problems.append(f"{path}: no .jsonl or .jsonl.gz files in this folder")
            for file in progress(files, f"reading {path}", unit="file"):
                _read_file(file, result)
        elif path.is_file():
            _read_file(path, result)
        else:
            result.problems.append(f"{path}: no such file or folder")
    return result


def with_reader_input(report: dict[str, Any], read: ReadResult) -> dict[str, Any]:
    """The report with the reader's problems first in ``problems`` and its files and skipped lines in
    ``input``."""
    reader = {"files": read.files_read, "lines_skipped": read.lines_skipped}
    return {
        **report,
        "input": {**report["input"], **reader},
        "problems": [*read.problems, *report["problems"]],
    }
