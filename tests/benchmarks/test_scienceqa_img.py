"""modbias_scienceqa_img: choices list and gold index, end to end from a local copy."""

import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import scienceqa_img_rows


def test_the_gold_index_becomes_its_letter_and_a_bad_index_names_the_item():
    rows, _ = scienceqa_img_rows()
    doc = {k: v[1] for k, v in rows.items()}
    item = adapter("scienceqa_img").item(doc, 1)
    assert (item.pair_id, item.target, item.options) == ("1", "B", ("Vermont", "Ohio", "Maine"))
    with pytest.raises(ItemError, match="item 1: answer index 3 outside the 3 options"):
        adapter("scienceqa_img").item({**doc, "answer": 3}, 1)


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = scienceqa_img_rows()
    ids = [str(i) for i in range(len(rows["answer"]))]
    check_blind_run(
        blind_runs["scienceqa_img"],
        fixed_answer="A",
        golds={i: "ABCD"[answer] for i, answer in zip(ids, rows["answer"], strict=True)},
        chances={i: 1 / len(choices) for i, choices in zip(ids, rows["choices"], strict=True)},
        categories=dict(zip(ids, rows["category"], strict=True)),
        clusters=dict.fromkeys(ids),
    )
