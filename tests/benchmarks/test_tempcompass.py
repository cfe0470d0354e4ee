"""modbias_tempcompass: options from the question's lines, gold "B. text"; end to end from a local copy
with its videos where lmms-eval's tempcompass looks for them, one of them missing."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import docs, tempcompass_rows
from tests.benchmarks.local_data.media import MISSING_VIDEO


def test_items_read_the_options_from_the_question_lines():
    bench = adapter("tempcompass")
    items = [bench.item(doc, index) for index, doc in enumerate(docs(tempcompass_rows))]
    assert [(item.pair_id, item.target, item.category) for item in items] == [
        ("tc_1_0", "B", "direction"), ("tc_2_1", "A", "speed"), ("tc_1_2", "B", "direction"),
        ("tc_2_3", "A", "speed"), (f"{MISSING_VIDEO}_4", "B", "direction"),
    ]  # fmt: skip
    assert {item.options for item in items} == {("left", "right", "up", "down")}
    assert [item.cluster for item in items[:2]] == ["tc_1", "tc_2"]


def test_end_to_end_from_a_local_copy(media_runs):
    """Golds B, A, B, A and B; the blind model answers "A". The item whose video is missing has its
    records skipped, naming the path, as have the mismatch_video rows that would show that video;
    neither is scored."""
    run = media_runs["tempcompass"]
    missing = f"{MISSING_VIDEO}_4"
    skipped = [record for record in run["records"] if "skipped" in record]
    assert all(f"{MISSING_VIDEO}.mp4 does not exist" in record["skipped"] for record in skipped)
    shown_elsewhere = {record["pair_id"] for record in skipped if record["pair_id"] != missing}
    assert shown_elsewhere and {r["variant"] for r in skipped if r["pair_id"] != missing} == {
        "mismatch_video"
    }
    assert len(skipped) == 10 + len(shown_elsewhere)
    check_counted_run(
        {**run, "records": [record for record in run["records"] if "skipped" not in record]},
        records=4 * 10 - len(shown_elsewhere),
        metrics={"acc_original": 0.5, "acc_reversed_frames": 0.5, "tg_single_frame": 0.0,
                 "order_sensitivity_shuffled_frames": 0.0},
    )  # fmt: skip
