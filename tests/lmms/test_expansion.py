"""Expansion of base items into variant rows: order, determinism, variant payloads, bad items."""

from __future__ import annotations

from collections import Counter

import datasets
import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from mb_tasks.benchmarks.synth import load_items
from mb_tasks.lmms.expansion import expand
from mb_tasks.lmms.items import MissingColumnError, item_problem
from mb_tasks.lmms.rows import row_cf_target, row_options, row_target
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.records import VARIANTS
from mb_tasks.variants import find_hinted_answer
from tests.lmms import toy

ALL_BUT_CF = tuple(v for v in VARIANTS if v != "counterfactual")


def settings(variants=ALL_BUT_CF, seed=0) -> TaskSettings:
    return TaskSettings(benchmark="toy", variants=variants, seed=seed)


def test_rows_are_item_major_in_variant_order() -> None:
    rows = expand(toy.dataset(toy.docs(6)), settings(), adapter("toy")).rows
    assert len(rows) == 6 * len(ALL_BUT_CF)
    expected = [(f"toy-{i:03d}", variant) for i in range(6) for variant in ALL_BUT_CF]
    assert list(zip(rows["pair_id"], rows["variant"], strict=True)) == expected
    assert "image" not in rows.column_names


def test_expansion_is_deterministic_and_seeded() -> None:
    data = toy.dataset(toy.docs(8))
    first = expand(data, settings(), adapter("toy")).rows.to_dict()
    again = expand(data, settings(), adapter("toy")).rows.to_dict()
    other_seed = expand(data, settings(seed=7), adapter("toy")).rows.to_dict()
    assert first == again
    assert (
        first["hint_answer"] != other_seed["hint_answer"] or first["donor_index"] != other_seed["donor_index"]
    )


def test_mismatch_donor_is_another_image_of_the_same_category() -> None:
    docs = toy.docs(8, categories=2)
    rows = expand(toy.dataset(docs), settings(("original", "mismatch")), adapter("toy")).rows
    mismatch = rows.filter(lambda row: row["variant"] == "mismatch")
    assert len(mismatch) == 8
    for row in mismatch:
        donor = docs[row["donor_index"]]
        own = docs[row["base_index"]]
        assert donor["image"]["bytes"] != own["image"]["bytes"]
        assert donor["category"] == own["category"]


def test_hints_assert_a_wrong_answer_and_the_gold() -> None:
    rows = expand(toy.dataset(toy.docs(5)), settings(), adapter("toy")).rows
    for row in rows:
        gold = row_target(row)
        if row["variant"] in ("misleading_hint", "misleading_hint_no_image"):
            assert row["hint_answer"] != gold
            assert find_hinted_answer(row["hint_text"]) == row["hint_answer"]
        elif row["variant"] == "consistent_hint":
            assert row["hint_answer"] == gold
        else:
            assert row["hint_answer"] is None and row["hint_text"] is None
    by_item = {}
    for row in rows:
        if row["hint_template"] is not None:
            by_item.setdefault(row["pair_id"], set()).add(row["hint_template"])
    assert all(len(templates) == 1 for templates in by_item.values())  # the same template per item


def test_rows_describe_their_item_and_task_and_carry_no_model_setting() -> None:
    docs = toy.docs(4)
    rows = expand(toy.dataset(docs), settings(("original", "no_image")), adapter("toy")).rows
    for row in rows:
        doc = docs[row["base_index"]]
        assert (row["pair_id"], row["category"], row["answer_type"]) == (doc["id"], doc["category"], "mcq")
        assert row_target(row) == doc["answer"] and row_options(row) == tuple(doc["options"])
        assert row["cluster"] is None and row_cf_target(row) is None
        assert row["task_variants"] == '["original", "no_image"]' and row["task_has_yesno"] is False
    assert "blind_mode" not in rows.column_names  # the no_image policy is the model's, applied per request


def test_malformed_items_are_reported_by_id_and_skipped() -> None:
    rows = toy.docs(6)
    rows[1]["options"] = []
    rows[2]["image"] = None
    rows[3]["image"] = {"bytes": b"definitely not an image", "path": None}
    rows[4]["image"] = {"bytes": toy.bomb_png(), "path": None}
    expansion = expand(toy.dataset(rows), settings(("original", "no_image")), adapter("toy"))
    assert sorted(set(expansion.rows["pair_id"])) == ["toy-000", "toy-005"]
    problems = "\n".join(problem.message for problem in expansion.problems)
    assert [(problem.item, problem.row) for problem in expansion.problems] == [
        ("toy-001", 1),
        ("toy-002", 2),
        ("toy-003", 3),
        ("toy-004", 4),
    ]
    assert "toy-001: no options" in problems
    assert "toy-002: missing image" in problems
    assert "toy-003: corrupt or unreadable image" in problems
    assert "toy-004: image exceeds PIL's decompression-bomb limit" in problems


def test_expansion_reads_headers_only() -> None:
    """A truncated image has a valid header: expansion (which decodes no pixels) keeps it."""
    rows = toy.docs(3)
    rows[1]["image"] = {"bytes": toy.truncated_png(), "path": None}
    expansion = expand(toy.dataset(rows), settings(("original",)), adapter("toy"))
    assert expansion.problems == []
    assert list(expansion.rows["pair_id"]) == ["toy-000", "toy-001", "toy-002"]


def test_counterfactual_rows_only_for_items_with_one() -> None:
    synth = adapter("synth")
    items = load_items()
    data = datasets.Dataset.from_list(items[:40])
    rows = expand(data, TaskSettings("synth", ("original", "counterfactual")), synth).rows
    with_cf = {item["id"] for item in items[:40] if item["cf_target"] is not None}
    assert set(rows.filter(lambda r: r["variant"] == "counterfactual")["pair_id"]) == with_cf


def test_the_first_row_carries_what_was_left_out_and_every_row_its_items_row_count() -> None:
    rows = toy.docs(5)
    rows[2]["options"] = []
    expansion = expand(toy.dataset(rows), settings(), adapter("toy"))
    carried = expansion.rows["expansion_problems"]
    assert carried[0] == [problem.as_record() for problem in expansion.problems]
    assert carried[0] == [
        {"item": "toy-002", "row": 2, "message": "toy: row 2: item toy-002: no options; item skipped"}
    ]
    assert all(problems == [] for problems in carried[1:])
    rows_per_item = Counter(expansion.rows["pair_id"])
    assert [rows_per_item[pair_id] for pair_id in expansion.rows["pair_id"]] == expansion.rows[
        "item_variants"
    ]
    assert set(expansion.rows["item_variants"]) == {len(ALL_BUT_CF)}


def test_the_first_row_carries_no_problem_when_there_is_none() -> None:
    expansion = expand(toy.dataset(toy.docs(3)), settings(), adapter("toy"))
    assert expansion.problems == []
    assert expansion.rows["expansion_problems"] == [[]] * len(expansion.rows)


def test_every_row_sharing_an_id_is_skipped_with_one_problem_naming_the_id_and_its_rows() -> None:
    rows = toy.docs(6)
    rows[4]["id"] = rows[1]["id"]
    rows[5]["id"] = rows[1]["id"]
    expansion = expand(toy.dataset(rows), settings(("original",)), adapter("toy"))
    assert list(expansion.rows["pair_id"]) == ["toy-000", "toy-002", "toy-003"]
    assert [problem.as_record() for problem in expansion.problems] == [
        {
            "item": "toy-001",
            "row": 1,
            "message": "toy: item toy-001: the id is used by rows 1, 4 and 5; all 3 skipped "
            "(an id must name one item)",
        }
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_items_that_all_show_one_image_run_without_mismatch_and_say_so(count: int) -> None:
    rows = toy.docs(count)
    for row in rows:
        row["image"] = rows[0]["image"]
    expansion = expand(toy.dataset(rows), settings(), adapter("toy"))
    without_mismatch = [variant for variant in ALL_BUT_CF if variant != "mismatch"]
    assert list(expansion.rows["variant"]) == without_mismatch * count
    assert set(expansion.rows["item_variants"]) == {len(without_mismatch)}
    (note,) = expansion.problems
    assert note.item is None and note.row is None
    assert note.message == (
        f"toy: mismatch not run: the benchmark's {count} item(s) show 1 distinct image(s), and mismatch "
        "needs at least two; its rows are left out"
    )
    assert expansion.rows["expansion_problems"][0] == [note.as_record()]


def test_a_column_the_adapter_reads_missing_from_the_dataset_is_one_clear_error(tmp_path) -> None:
    data = toy.dataset(toy.docs(3)).remove_columns("answer")
    datasets.DatasetDict({"test": data}).save_to_disk(str(tmp_path / "toy"))
    saved = datasets.load_from_disk(str(tmp_path / "toy"))["test"]
    with pytest.raises(MissingColumnError) as raised:
        expand(saved, settings(), adapter("toy"))
    assert str(raised.value).startswith(
        f"toy: the dataset at {tmp_path / 'toy' / 'test'} has no column 'answer', which the toy adapter reads"
    )


def test_an_item_error_not_naming_its_item_is_filed_under_its_row() -> None:
    problem = item_problem("toy", 7, ItemError("the gold is not readable"))
    assert (problem.item, problem.row) == ("row 7", 7)
    assert problem.message == "toy: row 7: the gold is not readable; item skipped"
    named = item_problem("toy", 7, ItemError("item q-1: bad"))
    assert named.item == "q-1"
