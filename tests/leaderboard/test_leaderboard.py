"""`modbias leaderboard`: one row per model, sorted, with the same bytes for the same inputs."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from mb_tasks.leaderboard.writers import columns
from mb_tasks.metrics import compute_report
from mb_tasks.report.runs import read_run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def leaderboard(modbias):
    return lambda *args: modbias("leaderboard", *args)


@pytest.mark.parametrize("extension", ["json", "csv", "md"])
def test_same_inputs_give_the_same_bytes_in_any_order(
    example_runs: list[Path], tmp_path: Path, extension: str, leaderboard
) -> None:
    first, second = tmp_path / f"a.{extension}", tmp_path / f"b.{extension}"
    runs = [str(path) for path in example_runs]
    assert leaderboard(*runs, "--out", str(first), "--resamples", "300").returncode == 0
    assert leaderboard(*reversed(runs), "--out", str(second), "--resamples", "300").returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_rows_hold_each_models_suite_numbers_sorted_by_bias_index(
    example_runs: list[Path], tmp_path: Path, leaderboard
) -> None:
    out = tmp_path / "board.json"
    result = leaderboard(
        *map(str, reversed(example_runs)), "--out", str(out), "--resamples", "300", "--seed", "3"
    )
    assert result.returncode == 0, result.stderr
    board = json.loads(out.read_text())
    assert board["schema"] == "modbias-leaderboard/1" and board["seed"] == 3
    rows = board["rows"]
    assert [row["model"] for row in rows] == ["example-org/grounded-vlm", "example-org/language-vlm"]
    assert [row["rank"] for row in rows] == [1, 2]
    assert rows[0]["modality_bias_index"] < rows[1]["modality_bias_index"]
    for row, path in zip(rows, example_runs, strict=True):
        run = read_run(path)
        suite = compute_report(run.records, seed=3, resamples=300)["suite"]
        assert row["model_args"] == run.model_args
        for metric in board["metrics"]:
            assert row[metric] == round(suite[metric]["value"], 4), metric
            assert row[f"{metric}_ci_low"] == round(suite[metric]["ci_low"], 4), metric
            assert row[f"{metric}_n"] == suite[metric]["n"], metric
    assert list(rows[0]) == columns()


def test_csv_and_markdown_carry_the_same_rows(example_runs: list[Path], tmp_path: Path, leaderboard) -> None:
    runs = [str(path) for path in example_runs]
    assert leaderboard(*runs, "--out", str(tmp_path / "b.json"), "--resamples", "200").returncode == 0
    assert leaderboard(*runs, "--out", str(tmp_path / "b.csv"), "--resamples", "200").returncode == 0
    markdown = leaderboard(*runs, "--out", str(tmp_path / "b.md"), "--resamples", "200")
    rows = json.loads((tmp_path / "b.json").read_text())["rows"]
    with (tmp_path / "b.csv").open() as handle:
        table = list(csv.DictReader(handle))
    assert [r["model"] for r in table] == [r["model"] for r in rows]
    assert table[1]["mg_no_image"] == f"{rows[1]['mg_no_image']:.4f}"
    assert markdown.stdout == (tmp_path / "b.md").read_text()
    assert f"| 1 | {rows[0]['model']} | {rows[0]['modality_bias_index']:.3f} [" in markdown.stdout


def test_unknown_extension_is_refused(example_runs: list[Path], tmp_path: Path, leaderboard) -> None:
    result = leaderboard(str(example_runs[0]), "--out", str(tmp_path / "board.xlsx"))
    assert result.returncode == 2 and "use .json, .csv or .md" in result.stderr


def test_readme_documents_every_column() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## `modbias leaderboard`", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_<>]+)`", section))
    for column in columns():
        family = re.sub(r"^[a-z_]+?(_ci_low|_ci_high|_n)$", r"<metric>\1", column)
        assert column in documented or family in documented, column
