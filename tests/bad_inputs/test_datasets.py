"""The bad-input audit's datasets (BAD_INPUT_AUDIT.md sections B, C and E) through the real
``modbias run`` CLI: every bad row is named in what the run saves, good rows are scored, and runs that
cannot work fail with a line saying why. Each lmms-eval run is shared by the tests of its fixture."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import datasets
import pytest

from mb_tasks.benchmarks.base import adapter
from tests.bad_inputs.bad_mmstar import BAD_LABELS, good_rows, write_bad_mmstar
from tests.conftest import Modbias

MMSTAR_VARIANTS = adapter("mmstar").default_variants
#: Every row of the bad copy (17 bad, 8 good) under every variant: --limit reaches them all.
LIMIT = (len(BAD_LABELS) + 8) * len(MMSTAR_VARIANTS)

#: Bad row label -> what the saved problems say after "mmstar: row R: item I: ", for the rows the
#: expansion drops (B1, B3, B7-B11; the duplicate id, B12, has its own line).
DROPPED: dict[str, str] = {
    "zero_byte_image": "missing image (no bytes and no path); item skipped",
    "non_image_bytes": "corrupt or unreadable image (not an image format PIL reads); item skipped",
    "bomb_declared_20000": "image exceeds PIL's decompression-bomb limit of 89478485 pixels",
    "bomb_real_20000": "image exceeds PIL's decompression-bomb limit of 89478485 pixels",
    "bomb_12000": "image exceeds PIL's decompression-bomb limit of 89478485 pixels",
    "missing_options": "no options in the question; item skipped",
    "answer_E": "answer 'E' is not one of the 4 option letters (A, B, C, D); item skipped",
    "answer_empty": "answer '' is not one of the 4 option letters (A, B, C, D); item skipped",
    "two_options_answer_C": "answer 'C' is not one of the 2 option letters (A, B); item skipped",
    "image_none": "missing image; item skipped",
}
#: Odd but valid images, decoded and scored (B4-B6).
SCORED = ("cmyk_jpeg", "p_png_transparency", "la_png", "i16_png", "one_by_one")
#: Its header passes the expansion, its pixels fail when decoded: every record marked skipped (B2).
LATE = "truncated_png"
DUPLICATE_ROW = BAD_LABELS.index("duplicate_index_0")


def _item_of(label: str) -> str:
    return str(100 + BAD_LABELS.index(label))


def _run(modbias: Modbias, data_dir: Path, output: Path, limit: int, hash_seed: str = "0") -> dict[str, Any]:
    """``modbias run`` of modbias_mmstar on a local copy with the dummy model reading every image:
    the finished process and its saved records (none when it wrote no sample log)."""
    finished = modbias(
        "run", "--data-dir", str(data_dir), "--model", "dummy", "--model_args", "read_bytes=1",
        "--tasks", "modbias_mmstar", "--limit", str(limit), "--log_samples", "--output_path", str(output),
        env={"PYTHONHASHSEED": hash_seed},
    )  # fmt: skip
    logs = sorted(output.rglob("*_samples_modbias_mmstar.jsonl"))
    lines = logs[0].read_text(encoding="utf-8").splitlines() if logs else []
    return {
        "process": finished,
        "log": logs[0] if logs else None,
        "records": [json.loads(x)["record"] for x in lines],
    }


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_bad_mmstar(tmp_path_factory.mktemp("bad_mmstar"))


@pytest.fixture(scope="module")
def bad_run(copies: dict[str, Path], modbias: Modbias, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _run(modbias, copies["bad"], tmp_path_factory.mktemp("bad_run"), LIMIT, hash_seed="1")


def _problems(bad_run: dict) -> list[dict[str, Any]]:
    return bad_run["records"][0]["expansion_problems"]


def test_the_bad_copy_runs(bad_run: dict) -> None:
    assert bad_run["process"].returncode == 0, bad_run["process"].stderr[-3000:]


@pytest.mark.parametrize("label", DROPPED)
def test_each_dropped_row_is_named_in_the_saved_problems_and_has_no_record(bad_run: dict, label: str) -> None:
    row, item = BAD_LABELS.index(label), _item_of(label)
    (problem,) = [problem for problem in _problems(bad_run) if problem["row"] == row]
    assert problem["item"] == item
    assert problem["message"].startswith(f"mmstar: row {row}: item {item}: {DROPPED[label]}")
    assert problem["message"].endswith("; item skipped")
    assert not any(record["pair_id"] == item for record in bad_run["records"])


def test_a_shared_id_drops_both_rows_with_one_problem_naming_them(bad_run: dict) -> None:
    duplicates = [problem for problem in _problems(bad_run) if "the id is used by" in problem["message"]]
    assert duplicates == [
        {
            "item": "0",
            "row": DUPLICATE_ROW,
            "message": f"mmstar: item 0: the id is used by rows {DUPLICATE_ROW} and {DUPLICATE_ROW + 1}; "
            "both skipped (an id must name one item)",
        }
    ]
    assert not any(record["pair_id"] == "0" for record in bad_run["records"])


def test_the_problems_are_saved_once_on_the_first_record_and_name_nothing_else(bad_run: dict) -> None:
    records = bad_run["records"]
    assert not any("expansion_problems" in record for record in records[1:])
    assert len(_problems(bad_run)) == len(DROPPED) + 1
    assert not any("0x" in problem["message"] for problem in _problems(bad_run))  # no memory address


def test_good_rows_and_odd_images_are_scored_with_every_variant(bad_run: dict) -> None:
    records = bad_run["records"]
    expected = [_item_of(label) for label in (LATE, *SCORED)] + [str(row["index"]) for row in good_rows()[1:]]
    assert Counter(record["pair_id"] for record in records) == dict.fromkeys(expected, len(MMSTAR_VARIANTS))
    assert {record["item_variants"] for record in records} == {len(MMSTAR_VARIANTS)}
    scored = [record for record in records if not record.get("skipped")]
    assert {record["pair_id"] for record in scored} == set(expected) - {_item_of(LATE)}
    assert all(record["score"] in (0.0, 1.0) and record["valid"] for record in scored)


def test_an_image_failing_when_decoded_marks_its_records_and_its_donees_skipped(bad_run: dict) -> None:
    item = _item_of(LATE)
    skipped = [record for record in bad_run["records"] if record.get("skipped")]
    assert {record["variant"] for record in skipped if record["pair_id"] == item} == set(MMSTAR_VARIANTS)
    assert all(
        record["skipped"] == f"item {item}: corrupt or unreadable image (image file is truncated)"
        for record in skipped
    )
    assert all(record["variant"] == "mismatch" for record in skipped if record["pair_id"] != item)


def test_the_saved_records_do_not_depend_on_the_hash_seed(
    bad_run: dict, copies: dict[str, Path], modbias: Modbias, tmp_path: Path
) -> None:
    """C1/C5: the same run under another PYTHONHASHSEED saves a byte-identical sample log."""
    again = _run(modbias, copies["bad"], tmp_path / "again", LIMIT, hash_seed="2")
    assert again["process"].returncode == 0, again["process"].stderr[-3000:]
    assert again["log"].read_bytes() == bad_run["log"].read_bytes()


def test_a_single_item_runs_every_variant_but_mismatch_and_says_why(
    copies: dict[str, Path], modbias: Modbias, tmp_path: Path
) -> None:
    run = _run(modbias, copies["single"], tmp_path / "single", len(MMSTAR_VARIANTS))
    assert run["process"].returncode == 0, run["process"].stderr[-3000:]
    records = run["records"]
    without_mismatch = [variant for variant in MMSTAR_VARIANTS if variant != "mismatch"]
    assert [record["variant"] for record in records] == without_mismatch
    assert {record["item_variants"] for record in records} == {len(without_mismatch)}
    assert records[0]["expansion_problems"] == [
        {
            "item": None,
            "row": None,
            "message": "mmstar: mismatch not run: the benchmark's 1 item(s) show 1 distinct image(s), and "
            "mismatch needs at least two; its rows are left out",
        }
    ]


def test_a_copy_without_the_answer_column_fails_with_a_line_naming_it(
    copies: dict[str, Path], modbias: Modbias, tmp_path: Path
) -> None:
    run = _run(modbias, copies["no_answer_column"], tmp_path / "no_answer", len(MMSTAR_VARIANTS))
    assert run["process"].returncode == 1
    split = copies["no_answer_column"] / "mmstar" / "val"
    error = (
        f"MissingColumnError: mmstar: the dataset at {split} has no column 'answer', "
        "which the mmstar adapter reads"
    )
    assert any(line.startswith(f"mb_tasks.lmms.items.{error}") for line in run["process"].stderr.splitlines())
    # lmms-eval logs only tenacity's "RetryError[<Future ...>]"; modbias run's last line names the column.
    assert (
        run["process"]
        .stderr.splitlines()[-1]
        .startswith(f"modbias run: lmms-eval's evaluation failed: {error}")
    )
    assert run["log"] is None


def test_an_empty_copy_fails_with_a_line_saying_no_item_is_usable(
    copies: dict[str, Path], modbias: Modbias, tmp_path: Path
) -> None:
    run = _run(modbias, copies["empty"], tmp_path / "empty", len(MMSTAR_VARIANTS))
    assert run["process"].returncode == 1
    last = run["process"].stderr.splitlines()[-1]
    assert (
        last == "modbias run: lmms-eval's evaluation failed: ValueError: mmstar: no usable item (0 skipped)"
    )
    assert run["log"] is None


def test_a_plain_dataset_instead_of_a_dataset_dict_is_refused_before_lmms_eval_starts(
    modbias: Modbias, tmp_path: Path
) -> None:
    rows = good_rows()
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "plain" / "mmstar"))
    finished = modbias(
        "run", "--data-dir", str(tmp_path / "plain"), "--model", "dummy", "--tasks", "modbias_mmstar"
    )
    assert finished.returncode == 2
    assert "is a single Dataset, not a DatasetDict" in finished.stderr
    assert "Traceback" not in finished.stderr


def _synth_oracle(modbias: Modbias, output: Path, limit: int) -> list[dict[str, Any]]:
    finished = modbias(
        "run", "--model", "modbias_oracle", "--tasks", "modbias_synth", "--limit", str(limit),
        "--log_samples", "--output_path", str(output),
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-3000:]
    (log,) = output.rglob("*_samples_modbias_synth.jsonl")
    return [json.loads(line)["record"] for line in log.read_text(encoding="utf-8").splitlines()]


def test_a_limit_cutting_an_item_leaves_it_recognisably_partial(modbias: Modbias, tmp_path: Path) -> None:
    """E1: with --limit 50 the sixth item has 5 of its 9 rows, which its records' item_variants show."""
    records = _synth_oracle(modbias, tmp_path / "limit50", 50)
    per_item = Counter(record["pair_id"] for record in records)
    assert {record["item_variants"] for record in records} == {9}
    assert sorted(per_item.values()) == [5, 9, 9, 9, 9, 9]


def test_the_readme_limit_90_run_of_the_oracle_is_at_chance_without_the_image(
    modbias: Modbias, tmp_path: Path
) -> None:
    """E2: on the items that need the image the honest oracle's no_image answers (its fixed "A" or
    "yes") are right no more often than chance: the first items' golds are balanced."""
    output = tmp_path / "limit90"
    records = _synth_oracle(modbias, output, 90)
    needs_image = adapter("synth").vision_required_categories
    blind = [r for r in records if r["variant"] == "no_image" and r["category"] in needs_image]
    assert len(blind) == 8
    assert abs(sum(r["score"] - r["chance"] for r in blind) / len(blind)) <= 0.1
    report = modbias("report", str(output), "--json", str(tmp_path / "report.json"))
    assert report.returncode == 0, report.stderr
    warnings = json.loads((tmp_path / "report.json").read_text())["warnings"]
    assert not any(warning.startswith("LEAK CANARY synth") for warning in warnings)
