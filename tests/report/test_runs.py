"""A run's model identity comes from the lmms-eval results file next to its samples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mb_tasks.report.runs import read_run


def test_model_name_and_args_come_from_the_results_file(example_runs: list[Path]) -> None:
    run = read_run(example_runs[0])
    assert run.label == run.model == "example-org/grounded-vlm"
    assert run.model_args == "pretrained=example-org/grounded-vlm,dtype=bfloat16"
    assert len(run.files) == 2 and len(run.records) == (120 + 100) * 9
    assert run.problems == []


def test_a_samples_file_alone_names_its_model_too(example_runs: list[Path]) -> None:
    samples = sorted(example_runs[1].glob("*_samples_*.jsonl"))[0]
    assert read_run(samples).model == "example-org/language-vlm"


def test_without_a_results_file_the_path_is_the_label(example_runs: list[Path], tmp_path: Path) -> None:
    samples = sorted(example_runs[0].glob("*_samples_*.jsonl"))[0]
    copy = tmp_path / samples.name
    shutil.copy(samples, copy)
    run = read_run(copy)
    assert run.model is None and run.label == str(copy)


def test_results_files_of_other_runs_are_not_mistaken_for_this_one(
    example_runs: list[Path], tmp_path: Path
) -> None:
    for source in example_runs[0].iterdir():
        shutil.copy(source, tmp_path / source.name.replace("20261123_120000", "20261124_080000"))
    results = json.loads(next(example_runs[1].glob("*_results.json")).read_text())
    (tmp_path / "20261120_080000_results.json").write_text(json.dumps(results))
    assert read_run(tmp_path).model == "example-org/grounded-vlm"  # the results file with the same date id


def test_one_path_with_two_models_is_reported(example_runs: list[Path]) -> None:
    run = read_run(example_runs[0].parent)
    assert run.model is None
    assert any("several models" in problem for problem in run.problems)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"[]", "not a JSON object with a config object"),
        (b'{"config": [1]}', "not a JSON object with a config object"),
        (b"\xff\xfe{}", "'utf-8' codec can't decode byte 0xff"),
        (b'{"config": ', "Expecting value"),
    ],
)
def test_an_unreadable_results_file_is_a_problem_not_a_crash(
    example_runs: list[Path], tmp_path: Path, content: bytes, why: str
) -> None:
    samples = sorted(example_runs[0].glob("*_samples_*.jsonl"))[0]
    shutil.copy(samples, tmp_path / samples.name)
    results = tmp_path / "results.json"
    results.write_bytes(content)
    run = read_run(tmp_path)
    assert run.model is None and run.label == str(tmp_path) and len(run.records) > 0
    assert len(run.problems) == 1
    assert run.problems[0].startswith(f"{results}: unreadable results file ({why}")
    assert run.problems[0].endswith("; model name not taken from it")


def test_a_run_is_screened_as_read_and_gives_its_records_as_dicts_on_demand(example_runs: list[Path]) -> None:
    run = read_run(example_runs[1])
    assert run.screening.records_read == len(run.records) == (120 + 100) * 9
    keys = [(r["benchmark"], str(r["pair_id"]), r["variant"]) for r in run.records]
    assert run.screening.record_keys() == keys  # every record is used, in the order read
