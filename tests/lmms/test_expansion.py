"""Expansion of base items into variant rows: order, determinism, variant payloads, bad items."""

from __future__ import annotations

import datasets
import pytest

from mb_tasks.benchmarks.base import adapter
from mb_tasks.benchmarks.synth import load_items
from mb_tasks.lmms.expansion import expand
from mb_tasks.lmms.settings import GRAY_IMAGE, TEXT_ONLY, TaskSettings
from mb_tasks.lmms.sources import item_of
from mb_tasks.records import VARIANTS
from mb_tasks.variants import find_hinted_answer
from tests.lmms import toy

ALL_BUT_CF = tuple(v for v in VARIANTS if v != "counterfactual")


def settings(variants=ALL_BUT_CF, blind_mode=TEXT_ONLY, seed=0) -> TaskSettings:
    return TaskSettings(benchmark="toy", variants=variants, seed=seed, blind_mode=blind_mode)


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
        gold = item_of(row).target
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


@pytest.mark.parametrize("mode", [TEXT_ONLY, GRAY_IMAGE])
def test_blind_mode_is_carried_by_text_only_variants(mode: str) -> None:
    rows = expand(toy.dataset(toy.docs(3)), settings(blind_mode=mode), adapter("toy")).rows
    for row in rows:
        expected = mode if row["variant"] in ("no_image", "misleading_hint_no_image") else None
        assert row["blind_mode"] == expected


def test_malformed_items_are_reported_by_id_and_skipped() -> None:
    rows = toy.docs(6)
    rows[1]["options"] = []
    rows[2]["image"] = None
    rows[3]["image"] = {"bytes": b"definitely not an image", "path": None}
    rows[4]["image"] = {"bytes": toy.bomb_png(), "path": None}
    expansion = expand(toy.dataset(rows), settings(("original", "no_image")), adapter("toy"))
    assert sorted(set(expansion.rows["pair_id"])) == ["toy-000", "toy-005"]
    problems = "\n".join(expansion.problems)
    assert len(expansion.problems) == 4
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
