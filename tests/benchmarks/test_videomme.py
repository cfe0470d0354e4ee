"""modbias_videomme: lettered options, gold letter, a video's three questions in one cluster; end to
end from a local copy with its videos where lmms-eval's videomme looks for them."""

import re

import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import docs, videomme_rows


def test_items_read_lettered_options_and_cluster_by_video():
    bench, rows = adapter("videomme"), docs(videomme_rows)
    items = [bench.item(doc, index) for index, doc in enumerate(rows[:-1])]
    assert [(item.pair_id, item.target, item.cluster) for item in items] == [
        ("001-1", "A", "vidA"), ("001-2", "B", "vidA"), ("001-3", "C", "vidA"),
        ("002-1", "B", "vidB"), ("002-2", "A", "vidB"),
    ]  # fmt: skip
    assert items[0].options == ("left 0.", "right 0.", "up 0.", "down 0.")
    assert [item.category for item in items[:2]] == ["Object Recognition", "Temporal Perception"]
    assert len({item.image_key for item in items[:3]}) == 1 and items[0].image_key != items[3].image_key
    with pytest.raises(ItemError, match=re.escape("item 002-3: option 1 'left' is not written as 'A. text'")):
        bench.item(rows[-1], 5)


def test_end_to_end_from_a_local_copy(media_runs):
    """Golds A, B, C, B, A; the blind model answers "A"; the malformed sixth row is left out, counted."""
    run = media_runs["videomme"]
    check_counted_run(
        run,
        records=5 * 10,  # the ten video variants (every one but counterfactual)
        metrics={"acc_original": 0.4, "acc_no_video": 0.4, "mg_no_video": 0.0, "tg_single_frame": 0.0,
                 "order_sensitivity_reversed_frames": 0.0, "hint_follow_rate": 1.0},
    )  # fmt: skip
    [problem] = run["records"][0]["expansion_problems"]
    assert "002-3" in problem["message"] and "item skipped" in problem["message"]
