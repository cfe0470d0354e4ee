"""lmms-eval --log_samples files of a standard task (lines shaped as lmms-eval 0.7 writes them) and a
text-only run of it become one paired benchmark."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.importers import ImportRequest, import_records
from mb_tasks.importers.lmms_eval_samples import task_name
from mb_tasks.metrics import compute_report


def sample(doc_id: int, answer: str, response: str) -> dict:
    """One logged sample of lmms-eval's mmstar task (its metric key holds MMStar's own score dict)."""
    doc = {"index": 100 + doc_id, "question": "Which one?\nOptions: A: x, B: y", "answer": answer,
           "category": "coarse perception", "l2_category": "image emotion"}  # fmt: skip
    return {
        "doc_id": doc_id,
        "doc": doc,
        "target": answer,
        "arguments": ["Which one?"],
        "resps": [[response]],
        "filtered_resps": [response],
        "doc_hash": "0",
        "average": {"question_id": doc["index"], "l2_category": "image emotion", "score": 1.0},
    }


def write_samples(path: Path, samples: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    path.write_text(
        "".join(json.dumps(s) + "\n" for s in samples) + "".join(f"{line}\n" for line in extra_lines)
    )
    return path


def test_a_run_and_its_text_only_run_pair_on_the_document(tmp_path: Path):
    with_image = write_samples(
        tmp_path / "20260101_120000_samples_mmstar.jsonl", [sample(0, "A", "A"), sample(1, "B", "(B) y")]
    )
    without_image = write_samples(
        tmp_path / "text_only.jsonl", [sample(0, "A", "B"), sample(1, "B", "I cannot see the image.")]
    )
    request = ImportRequest(
        paths=(with_image,), without_image=(without_image,), column_map={"pair_id": "index"}
    )
    result = import_records("lmms-eval-samples", request)
    assert result.problems == []
    assert {(r["benchmark"], r["pair_id"], r["variant"]) for r in result.records} == {
        ("mmstar", pair, variant) for pair in ("100", "101") for variant in ("original", "no_image")
    }
    assert {tuple(r["options"]) for r in result.records} == {("A", "B", "C", "D")}
    results = compute_report(result.records, resamples=0)["benchmarks"]["mmstar"]
    assert results["acc_original"]["value"] == 1.0 and results["acc_no_image"]["value"] == 0.0
    assert results["mg_no_image"]["value"] == 1.0 and results["invalid_rate_no_image"]["value"] == 0.5


def test_lines_that_are_not_standard_samples_are_named(tmp_path: Path):
    modbias_line = json.dumps(
        {"doc_id": 5, "record": {"benchmark": "b", "pair_id": "p", "variant": "original"}}
    )
    path = write_samples(
        tmp_path / "samples_pope_2026-01-01T12-00-00.jsonl",
        [sample(0, "A", "A")],
        ('{"doc": {}}', modbias_line, "not json"),
    )
    result = import_records("lmms-eval-samples", ImportRequest(paths=(path,)))
    assert [r["pair_id"] for r in result.records] == ["0"] and result.records[0]["benchmark"] == "pope"
    assert result.problems == [
        f"{path}:4: malformed JSON (Expecting value), line skipped",
        f"{path}:2: no doc_id: not an lmms-eval --log_samples line; skipped",
        f"{path}:3: holds a modbias record (a modbias task's log): read it with modbias report; skipped",
    ]


def test_the_task_is_read_from_either_harness_file_name():
    assert task_name(Path("20261124_073208_samples_mmstar.jsonl")) == "mmstar"
    assert task_name(Path("samples_ai2d_2026-11-24T07-32-08.1.jsonl")) == "ai2d"
    assert task_name(Path("mine.jsonl")) == "mine"
