"""Reading records from records files, lmms-eval sample logs and folders."""

import json
from pathlib import Path

from mb_tasks.report import read_records

RECORD = {"benchmark": "b", "pair_id": "1", "variant": "original", "answer_type": "yesno", "target": "yes"}


def test_records_file_with_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(RECORD) + "\n{not json\n\n" + json.dumps(dict(RECORD, pair_id="2")) + "\n")
    result = read_records([path])
    assert [r["pair_id"] for r in result.records] == ["1", "2"]
    assert result.problems == [
        f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes), line skipped"
    ]


def test_lmms_eval_samples_and_folders(tmp_path: Path) -> None:
    run = tmp_path / "out" / "model_x"
    run.mkdir(parents=True)
    sample = {"doc_id": 0, "doc": {}, "resps": [["yes"]], "acc_original": RECORD, "mg_no_image": RECORD}
    (run / "20261123_samples_modbias_synth.jsonl").write_text(
        json.dumps(sample) + "\n" + json.dumps({"doc_id": 1}) + "\n"
    )
    (run / "results.json").write_text("{}")
    result = read_records([tmp_path / "out"])
    assert result.records == [RECORD]  # one record per sample, not one per metric key
    assert len(result.files) == 1
    assert any(":2: no modbias record" in p for p in result.problems)


def test_missing_paths_and_empty_folders_are_named(tmp_path: Path) -> None:
    result = read_records([tmp_path / "nope.jsonl", tmp_path])
    assert result.records == []
    assert result.problems == [
        f"{tmp_path / 'nope.jsonl'}: no such file or folder",
        f"{tmp_path}: no .jsonl files in this folder",
    ]
