"""modbias_mmstar: items read from MMStar's fields, and the task end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import mmstar_rows


def test_items_read_the_inline_options_and_the_gold_letter():
    rows, _ = mmstar_rows()
    item = adapter("mmstar").item({k: v[3] for k, v in rows.items()}, 3)
    assert (item.pair_id, item.target, item.answer_type) == ("3", rows["answer"][3], "mcq")
    assert item.options == ("a cat", "a dog number 3", "a red car", "birds")
    assert item.category == rows["category"][3]


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = mmstar_rows()
    ids = [str(index) for index in rows["index"]]
    check_blind_run(
        blind_runs["mmstar"],
        fixed_answer="yes",
        golds=dict(zip(ids, rows["answer"], strict=True)),
        chances=dict.fromkeys(ids, 0.25),
        categories=dict(zip(ids, rows["category"], strict=True)),
        clusters=dict.fromkeys(ids),
    )
