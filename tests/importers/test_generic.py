"""Any per-item answer file through a column map: conditions renamed to variants, source scores kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from mb_tasks.importers import ImportRequest, import_records
from mb_tasks.metrics import compute_report

MAP = {"pair_id": "qid", "variant": "cond", "response": "pred", "target": "gold", "category": "kind"}


def test_a_csv_with_condition_names_becomes_paired_records(tmp_path: Path):
    rows = [
        {"qid": "q1", "cond": "img", "pred": "yes", "gold": "yes", "kind": "count"},
        {"qid": "q1", "cond": "txt", "pred": "no", "gold": "yes", "kind": "count"},
        {"qid": "q2", "cond": "img", "pred": "No.", "gold": "no", "kind": "color"},
        {"qid": "q2", "cond": "txt", "pred": "no", "gold": "no", "kind": "color"},
        {"qid": "q3", "cond": "audio", "pred": "no", "gold": "no", "kind": "color"},
    ]
    path = tmp_path / "answers.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    request = ImportRequest(
        paths=(path,), column_map=MAP, variant_values={"img": "original", "txt": "no_image"}, benchmark="toy"
    )
    result = import_records("generic", request)
    assert [(r["pair_id"], r["variant"]) for r in result.records] == [
        ("q1", "original"),
        ("q1", "no_image"),
        ("q2", "original"),
        ("q2", "no_image"),
    ]
    assert {r["answer_type"] for r in result.records} == {"yesno"}
    assert len(result.problems) == 1 and result.problems[0].startswith(f"{path}:6: variant 'audio'")
    results = compute_report(result.records, resamples=0)["benchmarks"]["toy"]
    assert results["mg_no_image"]["value"] == 0.5 and results["mg_no_image"]["n"] == 2


def test_a_score_column_is_kept_as_the_source_judgement(tmp_path: Path):
    rows = [
        {"id": 1, "answer": "a cat", "gold": "cat", "score": 1, "options": "[]"},
        {"id": 2, "answer": "", "gold": "dog", "score": 0},
        {"id": 3, "answer": "dog", "gold": "dog", "score": "high"},
        {"answer": "dog", "gold": "dog", "score": 1},
    ]
    path = tmp_path / "scored.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    column_map = {
        "pair_id": "id",
        "response": "answer",
        "target": "gold",
        "score": "score",
        "options": "options",
    }
    result = import_records(
        "generic", ImportRequest(paths=(path,), column_map=column_map, answer_type="open")
    )
    first, second = result.records
    assert (first["score"], first["valid"], first["scored_by"], first["benchmark"]) == (
        1.0,
        True,
        "source",
        "scored",
    )
    assert (second["score"], second["valid"]) == (0.0, False)  # empty answer, nothing parsed
    assert result.problems == [
        f"{path}:3: score 'high' is not a number; skipped",
        f"{path}:4: no pair_id; skipped",
    ]


def test_a_map_without_the_required_columns_is_refused(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"q": 1}\n')
    result = import_records(
        "generic", ImportRequest(paths=(path,), column_map={"pair_id": "q", "colour": "c"})
    )
    assert result.records == []
    assert result.problems == ["--map names unknown field(s) colour; fields: " + ", ".join(
        ("pair_id", "response", "target", "variant", "benchmark", "category", "cluster", "answer_type",
         "options", "parsed", "score"))]  # fmt: skip
