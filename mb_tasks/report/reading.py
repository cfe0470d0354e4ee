"""Finding modbias records in files.

A PATH may be a records JSONL file (one record per line), an lmms-eval or lm-eval ``--log_samples``
file (each line a sample holding the record: :mod:`mb_tasks.report.lines` says where), or an output
folder (searched recursively for ``*.jsonl`` and ``*.jsonl.gz``; a ``.gz`` file is read through
gzip). Nothing is dropped silently: every skipped line is a problem named ``file:line``. Files are
read as bytes and decoded line by line, so a line that is not UTF-8 text is skipped and named, and a
binary file is one problem; the other lines and files are still read.

:func:`screen_paths` hands each record to the screening as it is read
(:class:`mb_tasks.metrics.screening.Screener`), so a run's records are never all held as dicts;
:func:`read_records` returns them all as dicts. A progress bar on stderr counts the bytes read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mb_tasks.metrics.columns import Location
from mb_tasks.metrics.screening import Screener, Screening
from mb_tasks.metrics.validation import validate_record
from mb_tasks.progress import progress_bar
from mb_tasks.records import Record
from mb_tasks.report.lines import Unreadable, file_lines, line_record, line_value, record_in

#: At most this many problems are listed per file; the rest are counted.
MAX_PROBLEMS_PER_FILE = 20
#: Where each record goes as it is read: (record, where it was read).
RecordSink = Callable[[Record, Location], None]


@dataclass
class ReadResult:
    """Records read (``locations[i]`` is "file:line" of record i; both empty when the records were
    screened as read), how many were ``found``, the files they came from, and every problem met:
    ``files_read`` files were opened and ``lines_skipped`` non-blank lines skipped."""

    records: list[Record] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    files_read: int = 0
    lines_skipped: int = 0
    found: int = 0


@dataclass
class _FileTally:
    """What one file gave: records found, non-blank lines, skipped-line problems, undecodable lines."""

    found: int = 0
    lines: int = 0
    problems: list[str] = field(default_factory=list)
    not_text: int = 0
    has_nul: bool = False


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


def _read_file(path: Path, sink: RecordSink, result: ReadResult, advance: Callable[[int], object]) -> None:
    tally = _FileTally()
    place = str(path)
    try:
        for number, line in file_lines(path, advance):
            if not line or line.isspace():
                continue
            tally.lines += 1
            tally.has_nul = tally.has_nul or b"\x00" in line
            record = line_record(line)
            if isinstance(record, Unreadable):
                tally.not_text += record.not_text
                tally.problems.append(f"{path}:{number}: {record.why}, line skipped")
            elif record is None:
                tally.problems.append(f"{path}:{number}: no modbias record on this line, skipped")
            else:
                sink(record, (place, number))
                tally.found += 1
    except (OSError, EOFError) as error:  # gzip: BadGzipFile is an OSError, a cut-off file an EOFError
        why = getattr(error, "strerror", None) or error
        tally.problems.append(f"{path}: cannot be read ({why}), skipped from here")
    result.files_read += 1
    result.found += tally.found
    result.lines_skipped += tally.lines - tally.found
    if tally.found:
        result.files.append(path)
    result.problems.extend(_file_problems(path, tally))


def _files_under(path: Path) -> list[Path]:
    return sorted(p for pattern in ("*.jsonl", "*.jsonl.gz") for p in path.rglob(pattern) if p.is_file())


def _plan(paths: Iterable[str | Path]) -> list[Path | str]:
    """The files to read, in order, with a problem (a string) in place of a path that gives none."""
    planned: list[Path | str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _files_under(path)
            planned += files or [f"{path}: no .jsonl or .jsonl.gz files in this folder"]
        elif path.is_file():
            planned.append(path)
        else:
            planned.append(f"{path}: no such file or folder")
    return planned


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_into(paths: Iterable[str | Path], sink: RecordSink) -> ReadResult:
    """Hand every record of the given files and folders (folders searched recursively) to ``sink`` as
    it is read; what was read and every problem met (``records`` and ``locations`` stay empty)."""
    result = ReadResult()
    planned = _plan(paths)
    total = sum(_size(entry) for entry in planned if isinstance(entry, Path))
    with progress_bar("reading records", total=total, unit="B") as bar:
        for entry in planned:
            if isinstance(entry, str):
                result.problems.append(entry)
            else:
                _read_file(entry, sink, result, bar.update)
    return result


def read_records(paths: Iterable[str | Path]) -> ReadResult:
    """Read every record from the given files and folders (folders searched recursively), as dicts."""
    records: list[Record] = []
    locations: list[str] = []

    def keep(record: Record, location: Location) -> None:
        records.append(record)
        locations.append(f"{location[0]}:{location[1]}")

    result = read_into(paths, keep)
    result.records, result.locations = records, locations
    return result


def screen_paths(paths: Iterable[str | Path]) -> tuple[ReadResult, Screening]:
    """Read and screen every record of the given files and folders in one pass, keeping them as
    compact columns only: what was read, and the screening."""
    screener = Screener()
    result = read_into(paths, screener.add)
    return result, screener.finish()


def records_again(screening: Screening, benchmark: str) -> Iterator[tuple[Record, Any]]:
    """The validated records of ``benchmark`` that the screening kept, read again from their lines
    (the files must be unchanged), each with its line's JSON value (a sample holds e.g. the prompt)."""
    columns = screening.columns
    code = columns.benchmarks.get(benchmark, -1)
    wanted: dict[int, set[int]] = {}
    for row in screening.kept[columns.array("benchmark")[screening.kept] == code]:
        wanted.setdefault(int(columns.place[row]), set()).add(int(columns.line[row]))
    for place, numbers in wanted.items():
        path = Path(columns.places.values[place])
        for number, line in file_lines(path):
            if number in numbers:
                value = line_value(line)
                record, _ = validate_record(record_in(value) or {})
                if record is not None:
                    yield record, value


def with_reader_input(report: dict[str, Any], read: ReadResult) -> dict[str, Any]:
    """The report with the reader's problems first in ``problems`` and its files and skipped lines in
    ``input``."""
    reader = {"files": read.files_read, "lines_skipped": read.lines_skipped}
    return {
        **report,
        "input": {**report["input"], **reader},
        "problems": [*read.problems, *report["problems"]],
    }
