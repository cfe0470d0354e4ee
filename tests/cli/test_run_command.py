"""`modbias run`: lmms-eval with the suite's include path, end to end through the real CLI, and its
sample log read back by `modbias report`."""

from __future__ import annotations

from pathlib import Path

import pytest

from mb_tasks.cli.run import IncludePathGiven, lmms_eval_arguments, split_data_dir
from mb_tasks.records import VARIANTS
from mb_tasks.report import read_records
from mb_tasks.task_folders import LM_EVAL_TASKS, TASK_YAMLS


def test_arguments_pass_through_with_the_include_path_added() -> None:
    given = ["--model", "modbias_oracle", "--tasks", "modbias_synth", "--limit", "9", "-h"]
    assert lmms_eval_arguments(given) == [*given, "--include_path", str(TASK_YAMLS)]
    assert (TASK_YAMLS / "modbias_synth" / "modbias_synth.yaml").is_file()


@pytest.mark.parametrize("flag", [["--include_path", "x"], ["--include-path=x"]])
def test_a_second_include_path_is_refused_clearly(flag: list[str]) -> None:
    with pytest.raises(IncludePathGiven, match="lmms-eval takes only one include folder"):
        lmms_eval_arguments(["--tasks", "t", *flag])


def test_run_prints_the_bias_table_and_feeds_report(tmp_path: Path, modbias) -> None:
    """From another working directory: the synth items are found next to the YAML."""
    output = tmp_path / "out"
    limit = 3 * len(VARIANTS)
    run = modbias(
        "run", "--model", "modbias_oracle", "--tasks", "modbias_synth", "--limit", str(limit),
        "--log_samples", "--output_path", str(output), cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    cells = [line.split("|") for line in run.stdout.splitlines() if line.startswith("|modbias_synth")]
    rows = {cell[4].strip(): cell[6].strip() for cell in cells}
    assert float(rows["acc_original"]) == 1.0 and float(rows["hint_follow_rate"]) == 0.0
    assert {"mg_no_image", "hint_follow_rate", "cf_acc", "modality_bias_index"} <= set(rows)
    read = read_records([output])
    assert read.problems == [] or all("no modbias record" not in p for p in read.problems)
    assert len(read.records) == limit
    report = modbias("report", str(output), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "## synth" in report.stdout and "| acc_original | 1.000 |" in report.stdout


def test_data_dir_is_taken_out_of_the_forwarded_arguments():
    assert split_data_dir(["--tasks", "x", "--data-dir", "/d", "--limit", "2"]) == (
        ["--tasks", "x", "--limit", "2"],
        Path("/d"),
    )
    assert split_data_dir(["--data_dir=/e", "--tasks", "x"]) == (["--tasks", "x"], Path("/e"))
    assert split_data_dir(["--tasks", "x"]) == (["--tasks", "x"], None)


def test_an_unknown_task_fails_the_run_with_one_line(tmp_path: Path, modbias) -> None:
    run = modbias(
        "run", "--model", "modbias_oracle", "--tasks", "modbias_no_such_task", "--output_path",
        str(tmp_path / "out"), cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.splitlines()[-1].startswith(
        "modbias run: lmms-eval's evaluation failed: Tasks not found: modbias_no_such_task."
    )


def test_include_path_prints_the_installed_task_folders(modbias) -> None:
    lmms = modbias("include-path")
    lm_eval = modbias("include-path", "--lm-eval")
    assert lmms.returncode == lm_eval.returncode == 0
    assert Path(lmms.stdout.strip()) == TASK_YAMLS
    assert (TASK_YAMLS / "modbias_synth" / "items.jsonl").is_file()
    assert Path(lm_eval.stdout.strip()) == LM_EVAL_TASKS and (LM_EVAL_TASKS / "modbias_synth").is_dir()
