"""modbias_ai2d: options list and a string gold index, end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import ai2d_rows


def test_the_string_gold_index_becomes_its_letter():
    rows, _ = ai2d_rows()
    item = adapter("ai2d").item({k: v[0] for k, v in rows.items()}, 0)
    assert (item.pair_id, item.target, item.options) == ("0", "B", ("leaf", "root", "stem", "flower"))


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = ai2d_rows()
    ids = [str(i) for i in range(len(rows["answer"]))]
    check_blind_run(
        blind_runs["ai2d"],
        fixed_answer="A",
        golds={i: "ABCD"[int(answer)] for i, answer in zip(ids, rows["answer"], strict=True)},
        chances=dict.fromkeys(ids, 0.25),
        categories=dict.fromkeys(ids, "ai2d"),
        clusters=dict.fromkeys(ids),
    )
