"""The lite subset: a fixed seeded choice of items, the same whatever the row order, through expansion."""

import hashlib
from pathlib import Path

from mb_tasks.benchmarks.base import Item
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.task import expand_for
from mb_tasks.suite.subset import seeded_subset
from tests.benchmarks.lmms.local_data import save_local_copy
from tests.benchmarks.suite import local_datasets


def _rank(benchmark: str, pair_id: str, seed: int) -> int:
    """DESIGN's stable seed written out: first 8 bytes of sha256 over the parts joined by US."""
    joined = "\x1f".join(["subset", benchmark, pair_id, str(seed)])
    return int.from_bytes(hashlib.sha256(joined.encode()).digest()[:8], "big")


def _items(ids):
    return [
        (n, Item(pair_id=i, category="c", answer_type="yesno", target="yes", image_key=i))
        for n, i in enumerate(ids)
    ]


def test_the_smallest_ranks_are_kept_in_dataset_order():
    ids = [f"q{n}" for n in range(40)]
    kept = seeded_subset(_items(ids), "pope", 0, 7)
    expected = sorted(sorted(ids, key=lambda i: _rank("pope", i, 0))[:7], key=ids.index)
    assert [item.pair_id for _, item in kept] == expected


def test_the_choice_does_not_depend_on_row_order_and_changes_with_the_seed():
    ids = [f"q{n}" for n in range(40)]
    forward = {item.pair_id for _, item in seeded_subset(_items(ids), "pope", 0, 10)}
    backward = {item.pair_id for _, item in seeded_subset(_items(ids[::-1]), "pope", 0, 10)}
    assert forward == backward
    assert forward != {item.pair_id for _, item in seeded_subset(_items(ids), "pope", 1, 10)}
    assert (
        len(seeded_subset(_items(ids), "pope", 0, None))
        == len(seeded_subset(_items(ids), "pope", 0, 99))
        == 40
    )


def test_expansion_keeps_max_items_items_with_the_lite_variants(tmp_path: Path):
    dataset = save_local_copy("mmstar", tmp_path)
    variants = ("original", "no_image", "misleading_hint")
    rows = expand_for(dataset, TaskSettings("mmstar", variants, seed=0, max_items=3))
    ids = [str(index) for index in dataset["index"]]
    expected = sorted(sorted(ids, key=lambda i: _rank("mmstar", i, 0))[:3], key=ids.index)
    assert list(zip(rows["pair_id"], rows["variant"], strict=True)) == [
        (i, v) for i in expected for v in variants
    ]


def test_native_pairs_of_a_kept_item_follow_it_into_the_lite_subset():
    """NaturalBench (a second-helper benchmark) through the lite settings: the kept items are the
    smallest ranks, each with its counterfactual row where the suite's default set asks for it."""
    dataset = local_datasets.naturalbench()
    ids = [f"naturalbench_{index}" for index in dataset["Index"]]
    expected = sorted(sorted(ids, key=lambda i: _rank("naturalbench", i, 0))[:3], key=ids.index)
    lite = expand_for(
        dataset, TaskSettings("naturalbench", ("original", "no_image", "misleading_hint"), 0, max_items=3)
    )
    assert list(zip(lite["pair_id"], lite["variant"], strict=True)) == [
        (i, v) for i in expected for v in ("original", "no_image", "misleading_hint")
    ]
    full = expand_for(dataset, TaskSettings("naturalbench", ("original", "counterfactual"), 0, max_items=3))
    assert list(zip(full["pair_id"], full["variant"], strict=True)) == [
        (i, v) for i in expected for v in ("original", "counterfactual")
    ]
