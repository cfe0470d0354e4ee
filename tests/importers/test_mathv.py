"""MATH-V output files become records scored by MATH-V's ``correct``, with golds from data/test.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.importers import ImportRequest, import_records

ITEMS = [
    {"id": "1", "options": [], "answer": "60", "subject": "arithmetic"},
    {"id": "2", "options": ["A", "B", "C", "D", "E"], "answer": "A", "subject": "logic"},
    {"id": "3", "options": ["red", "blue", "green", "pink", "gray"], "answer": "C", "subject": "counting"},
    {"id": "4", "options": ["A", "B", "C", "D", "E"], "answer": "B", "subject": "logic"},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def answer(item_id, model_answer, correct, response=None):
    return {"id": item_id, "model": "m", "response": response or model_answer, "model_answer": model_answer,
            "correct": correct}  # fmt: skip


def test_golds_come_from_the_data_file_found_above_the_output(tmp_path: Path):
    write_jsonl(tmp_path / "data" / "test.jsonl", ITEMS)
    output = write_jsonl(
        tmp_path / "outputs" / "open-source" / "M" / "M-7B.jsonl",
        [
            answer("1", "60", True),
            answer("2", "b", False),
            answer("3", "green", True),
            answer("4", "<image2>", False),
        ],
    )
    result = import_records("mathv", ImportRequest(paths=(output,)))
    assert result.problems == []
    records = {r["pair_id"]: r for r in result.records}
    assert (records["1"]["answer_type"], records["1"]["score"], records["1"]["chance"]) == ("open", 1.0, 0.0)
    assert (records["2"]["parsed"], records["2"]["score"], records["2"]["chance"]) == ("B", 0.0, 0.2)
    assert (records["3"]["parsed"], records["3"]["score"]) == ("C", 1.0)  # the option's text
    assert records["4"]["valid"] is False and records["4"]["invalid_reason"] == "no option letter"
    assert {(r["benchmark"], r["source"]["model"]) for r in result.records} == {("mathv_test", "M-7B")}
    assert records["3"]["category"] == "counting" and records["3"]["source"]["row"] == 3


def test_unknown_ids_and_a_missing_data_file_are_named(tmp_path: Path):
    data = write_jsonl(tmp_path / "elsewhere" / "items.jsonl", ITEMS)
    output = write_jsonl(tmp_path / "run" / "m.jsonl", [answer("1", "60", True), answer("99", "1", False)])
    alone = import_records("mathv", ImportRequest(paths=(output,)))
    assert alone.records == [] and "no benchmark items" in alone.problems[0]
    given = import_records("mathv", ImportRequest(paths=(), without_image=(output,), data=data))
    assert [(r["pair_id"], r["variant"]) for r in given.records] == [("1", "no_image")]
    assert given.problems == [f"{output}:2: id '99' is not in {data}; skipped"]
