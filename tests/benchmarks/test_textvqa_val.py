"""modbias_textvqa_val: the ten human answers are the target, an item without answers is named;
end to end from a local copy, scored with VQA soft accuracy."""

import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import docs, textvqa_val_rows


def test_the_human_answers_are_the_target_and_none_is_an_error():
    rows, _ = textvqa_val_rows()
    first = docs(textvqa_val_rows)[0]
    item = adapter("textvqa_val").item(first, 0)
    assert (item.pair_id, item.answer_type, item.target) == ("textvqa_7", "vqa", rows["answers"][0])
    with pytest.raises(ItemError, match="item textvqa_7: no answers"):
        adapter("textvqa_val").item({**first, "answers": []}, 0)


def test_end_to_end_from_a_local_copy(blind_runs):
    """The answer is "yes": item 8 has four "yes" of ten -> 1 (each gold sees at least three matching
    others)."""
    check_counted_run(blind_runs["textvqa_val"], records=3 * 8, metrics={"acc_original": 1 / 3})
