"""modbias_ai2d: options list and a string gold index, end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.lmms.local_data import ai2d_rows
from tests.benchmarks.lmms.suite_run import check_blind_run


def test_the_string_gold_index_becomes_its_letter():
    rows, _ = ai2d_rows()
    item = adapter("ai2d").item({k: v[0] for k, v in rows.items()}, 0)
    assert (item.pair_id, item.target, item.options) == ("0", "B", ("leaf", "root", "stem", "flower"))


def test_end_to_end_from_a_local_copy(suite_runs):
    rows, _ = ai2d_rows()
    ids = [str(i) for i in range(len(rows["answer"]))]
    check_blind_run(
        "ai2d",
        suite_runs["ai2d"],
        golds={i: "ABCD"[int(answer)] for i, answer in zip(ids, rows["answer"], strict=True)},
        chances=dict.fromkeys(ids, 0.25),
        categories=dict.fromkeys(ids, "ai2d"),
        clusters=dict.fromkeys(ids),
    )
