"""`modbias run`: lmms-eval with the suite's include path, end to end through the real CLI, and its
sample log read back by `modbias report`."""

from __future__ import annotations

from pathlib import Path

import pytest

from mb_tasks.cli.run import TASK_YAMLS, IncludePathGiven, lmms_eval_arguments
from mb_tasks.records import VARIANTS
from mb_tasks.report import read_records


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
