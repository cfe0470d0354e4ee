"""Reading the rows of a source file: JSONL, JSON (a list, or a dict of rows), CSV, TSV or Excel.

Each row comes with the number a person would look up: the line (JSONL), the spreadsheet row
(header = row 1), the list position (JSON, from 1) or the key (a JSON dict). A file that cannot be
read, or a line that is not JSON, is a problem naming it; the other rows are still returned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".xlsx": None, ".xls": None}


@dataclass
class SourceRows:
    """The rows read from one file, each as (row number or key, row), and the problems met."""

    path: Path
    rows: list[tuple[int | str, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _json_lines(path: Path, result: SourceRows) -> None:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                result.problems.append(f"{path}:{number}: malformed JSON ({error.msg}), line skipped")
                continue
            if isinstance(value, dict):
                result.rows.append((number, value))
            else:
                result.problems.append(f"{path}:{number}: not a JSON object, line skipped")


def _json_document(path: Path, result: SourceRows) -> None:
    value = json.loads(path.read_text(encoding="utf-8"))
    pairs = value.items() if isinstance(value, dict) else enumerate(value, start=1)
    for key, row in pairs:
        if isinstance(row, dict):
            result.rows.append((key, row))
        else:
            result.problems.append(f"{path}: entry {key}: not a JSON object, skipped")


def _table(path: Path, result: SourceRows) -> None:
    separator = TABLE_SUFFIXES[path.suffix.lower()]
    if separator is None:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_csv(path, sep=separator, dtype=str, keep_default_na=False)
    for position, row in enumerate(frame.to_dict(orient="records")):
        result.rows.append((position + 2, {str(key).strip(): value for key, value in row.items()}))


def read_source_rows(path: Path) -> SourceRows:
    """Every row of ``path`` (by its suffix: .jsonl, .json, .csv, .tsv, .xlsx, .xls)."""
    result = SourceRows(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            _json_lines(path, result)
        elif suffix == ".json":
            _json_document(path, result)
        elif suffix in TABLE_SUFFIXES:
            _table(path, result)
        else:
            result.problems.append(
                f"{path}: unknown file type {suffix or '(none)'}; expected .jsonl, .json, .csv, .tsv or .xlsx"
            )
    except FileNotFoundError:
        result.problems.append(f"{path}: no such file")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        result.problems.append(f"{path}: unreadable ({type(error).__name__}: {error})")
    return result
