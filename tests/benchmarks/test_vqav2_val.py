"""modbias_vqav2_val: the ten human answers are the target, questions on one image share a cluster;
end to end from a local copy, scored with VQA soft accuracy."""

from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items, vqav2_val_rows


def test_the_human_answers_are_the_target_and_an_image_is_a_cluster():
    rows, _ = vqav2_val_rows()
    items = adapter_items("vqav2_val")
    assert [item.pair_id for item in items] == ["vqav2_100", "vqav2_101", "vqav2_102", "vqav2_103"]
    assert [item.target for item in items] == [[a["answer"] for a in given] for given in rows["answers"]]
    assert [item.category for item in items] == rows["answer_type"]
    assert items[0].cluster == items[1].cluster != items[2].cluster != items[3].cluster  # 100, 101: one image


def test_end_to_end_from_a_local_copy(blind_runs):
    """The answer is "yes": item 1 has ten "yes" -> 1; item 2 three "yes" of ten -> (7 * 1 + 3 * 2/3)
    / 10 = 0.9."""
    check_counted_run(
        blind_runs["vqav2_val"], records=4 * 8, metrics={"acc_original": (1 + 0.9) / 4, "mg_no_image": 0.0}
    )
