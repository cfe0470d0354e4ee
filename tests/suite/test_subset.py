"""The lite subset: a fixed seeded choice of items, the same whatever the row order, through expansion."""

import hashlib
from pathlib import Path

import pytest

from mb_tasks.benchmarks.base import Item
from mb_tasks.benchmarks.vlind.probes import probe_id, probes_from_release
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.task import expand_for
from mb_tasks.suite.subset import seeded_subset
from tests.benchmarks.local_data import naturalbench_rows, save_local_copy, table, vlind_release


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
    dataset = table(naturalbench_rows)
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


def _clustered(sizes: dict[str, int]):
    rows = [(cluster, f"{cluster}_{n}") for cluster, size in sizes.items() for n in range(size)]
    return [
        (n, Item(pair_id=i, category="c", answer_type="yesno", target="yes", image_key=i, cluster=c))
        for n, (c, i) in enumerate(rows)
    ]


def test_whole_clusters_are_kept_in_rank_order_while_they_fit():
    sizes = {f"inst{n}": 2 + n % 4 for n in range(12)}
    items = _clustered(sizes)
    by_rank = sorted(sizes, key=lambda c: _rank("vlind", c, 0))
    fitting, total = [], 0
    for cluster in by_rank:  # written out: stop at the first cluster that would overflow 15
        if total + sizes[cluster] > 15:
            break
        fitting.append(cluster)
        total += sizes[cluster]
    kept = seeded_subset(items, "vlind", 0, 15, whole_clusters=True)
    assert [item.pair_id for _, item in kept] == [
        item.pair_id for _, item in items if item.cluster in fitting
    ]
    assert {item.cluster for _, item in kept} == set(fitting) and len(kept) <= 15


def test_a_cluster_larger_than_max_items_is_a_clear_error():
    with pytest.raises(ValueError, match=r"vlind: max_items=2 .*at least 3"):
        seeded_subset(_clustered({"a": 3, "b": 4}), "vlind", 0, 2, whole_clusters=True)


def test_the_vlind_lite_subset_keeps_every_probe_of_its_instances(tmp_path: Path):
    """Through expansion: VLind's adapter asks for whole instances, so a cap that splits the
    release's probes keeps the first-ranked instance complete and none of the other."""
    dataset = probes_from_release(vlind_release(tmp_path / "release"))
    clusters = [f"vlind_{instance}" for instance in dataset["instance_id"]]
    first = min(set(clusters), key=lambda c: _rank("vlind", c, 0))
    assert 0 < clusters.count(first) <= 12 < len(clusters)
    rows = expand_for(dataset, TaskSettings("vlind", ("original",), 0, max_items=12))
    expected = [
        probe_id(instance, test, image, statement)
        for instance, test, image, statement, cluster in zip(
            dataset["instance_id"], dataset["test"], dataset["image_id"], dataset["statement_index"],
            clusters, strict=True,
        )
        if cluster == first
    ]  # fmt: skip
    assert rows["pair_id"] == expected
