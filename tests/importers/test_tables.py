"""Source files of every kind give their rows with the number a person would look up, and name what
cannot be read."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from mb_tasks.importers.tables import read_source_rows

ROWS = [{"id": "1", "answer": "yes"}, {"id": "2", "answer": ""}]


def test_tables_number_rows_as_a_spreadsheet_does(tmp_path: Path):
    for name, write in (
        ("a.xlsx", lambda p: pd.DataFrame(ROWS).to_excel(p, index=False)),
        ("a.tsv", lambda p: pd.DataFrame(ROWS).to_csv(p, sep="\t", index=False)),
        ("a.csv", lambda p: pd.DataFrame(ROWS).to_csv(p, index=False)),
    ):
        path = tmp_path / name
        write(path)
        read = read_source_rows(path)
        assert read.problems == [] and read.rows == [(2, ROWS[0]), (3, ROWS[1])], name


def test_json_documents_keep_their_keys_or_positions(tmp_path: Path):
    as_dict, as_list = tmp_path / "d.json", tmp_path / "l.json"
    as_dict.write_text(json.dumps({"17": ROWS[0], "18": ROWS[1], "19": "oops"}))
    as_list.write_text(json.dumps(ROWS))
    assert read_source_rows(as_dict).rows == [("17", ROWS[0]), ("18", ROWS[1])]
    assert read_source_rows(as_dict).problems == [f"{as_dict}: entry 19: not a JSON object, skipped"]
    assert read_source_rows(as_list).rows == [(1, ROWS[0]), (2, ROWS[1])]


def test_bad_lines_and_bad_files_are_named(tmp_path: Path):
    lines = tmp_path / "a.jsonl"
    lines.write_text('{"id": 1}\n\n[1, 2]\n{"id": \n{"id": 3}\n')
    read = read_source_rows(lines)
    assert [number for number, _ in read.rows] == [1, 5]
    assert read.problems == [
        f"{lines}:3: not a JSON object, line skipped",
        f"{lines}:4: malformed JSON (Expecting value), line skipped",
    ]
    unknown, missing, broken = tmp_path / "a.parquet", tmp_path / "none.jsonl", tmp_path / "b.json"
    unknown.write_text("x")
    broken.write_text("{")
    assert "unknown file type .parquet" in read_source_rows(unknown).problems[0]
    assert read_source_rows(missing).problems == [f"{missing}: no such file"]
    assert read_source_rows(broken).problems[0].startswith(f"{broken}: unreadable (JSONDecodeError")
