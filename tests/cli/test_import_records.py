"""``modbias import`` as a user runs it: records and a summary written, then read by modbias report."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd


def write_answers(path: Path) -> Path:
    rows = [
        {"qid": "q1", "cond": "img", "pred": "B", "gold": "B", "A": "cat", "B": "dog"},
        {"qid": "q1", "cond": "txt", "pred": "A", "gold": "B", "A": "cat", "B": "dog"},
        {"qid": "q2", "cond": "img", "pred": "A", "gold": "A", "A": "cat", "B": "dog"},
        {"qid": "q2", "cond": "txt", "pred": "A", "gold": "A", "A": "cat", "B": "dog"},
        {"qid": "", "cond": "img", "pred": "A", "gold": "A", "A": "cat", "B": "dog"},
    ]
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_import_then_report(modbias, tmp_path: Path):
    answers, out = write_answers(tmp_path / "answers.csv"), tmp_path / "run" / "records.jsonl"
    result = modbias(
        "import", "generic", str(answers), "-o", str(out), "--benchmark", "toy", "--model", "M",
        "--map", "pair_id=qid,variant=cond,response=pred,target=gold",
        "--variant-values", "img=original,txt=no_image", "--repo", "me/answers", "--commit", "0123abc",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"{answers}:6: no pair_id; skipped" in result.stderr
    assert "wrote 4 records (original 2, no_image 2)" in result.stdout
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["source"]["commit"] for r in records} == {"0123abc"}
    assert records[0]["options"] == ["cat", "dog"] and "cluster" not in records[0]  # nulls left out
    summary = json.loads((tmp_path / "run" / "records.import.json").read_text())
    assert summary["records"] == 4 and summary["problem_count"] == 1
    assert summary["problems"] == [f"{answers}:6: no pair_id; skipped"]
    assert summary["provenance"] == {"model": "M", "repo": "me/answers", "commit": "0123abc"}
    report_json = tmp_path / "report.json"
    report = modbias("report", str(out.parent), "--json", str(report_json), "--resamples", "0")
    assert report.returncode == 0, report.stderr
    mg = json.loads(report_json.read_text())["benchmarks"]["toy"]["mg_no_image"]
    assert (mg["value"], mg["n"]) == (0.5, 2)  # q1 lost without the image, q2 did not


def test_bad_options_and_unusable_input_exit_non_zero(modbias, tmp_path: Path):
    answers, out = write_answers(tmp_path / "answers.csv"), tmp_path / "records.jsonl"
    bad_map = modbias("import", "generic", str(answers), "-o", str(out), "--map", "pair_id")
    assert bad_map.returncode == 2 and "--map: pair_id is not NAME=VALUE" in bad_map.stderr
    bad_type = modbias("import", "vlmevalkit", str(answers), "-o", str(out), "--answer-type", "multi")
    assert bad_type.returncode == 2 and "unknown answer type 'multi'" in bad_type.stderr
    nothing = modbias("import", "hallusionbench", str(tmp_path / "missing.json"), "-o", str(out))
    assert nothing.returncode == 1 and "no such file" in nothing.stderr and not out.exists()


def test_a_gz_out_is_gzip_written_the_same_bytes_every_time_and_reported(modbias, tmp_path: Path):
    answers = write_answers(tmp_path / "answers.csv")
    args = ["import", "generic", str(answers), "--benchmark", "toy", "--model", "M", "--repo", "me/answers"]
    args += ["--map", "pair_id=qid,variant=cond,response=pred,target=gold"]
    args += ["--variant-values", "img=original,txt=no_image"]
    plain, first, second = (
        tmp_path / "plain.jsonl",
        tmp_path / "a" / "records.jsonl.gz",
        tmp_path / "b.jsonl.gz",
    )
    for out in (plain, first, second):
        result = modbias(*args, "-o", str(out))
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    header = first.read_bytes()[:10]
    assert header[:3] == b"\x1f\x8b\x08" and header[3] == 0 and header[4:8] == b"\0\0\0\0"  # no name, mtime 0
    assert gzip.decompress(first.read_bytes()) == plain.read_bytes()
    assert json.loads((tmp_path / "a" / "records.import.json").read_text())["records"] == 4
    report = modbias("report", str(first), "--resamples", "0")
    assert report.returncode == 0, report.stderr
    assert "- toy: 4 records from me/answers (generic), model M; files: " in report.stdout
