"""modbias_mmvp: rows 2k+1 and 2k+2 form a pair, each the other's counterfactual where the answers
differ; end to end from a local copy."""

from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items


def test_a_pair_with_opposite_answers_is_each_others_counterfactual():
    items = adapter_items("mmvp")
    assert [(item.pair_id, item.target) for item in items] == [
        ("mmvp_1", "A"), ("mmvp_2", "B"), ("mmvp_3", "B"), ("mmvp_4", "B"),
    ]  # fmt: skip
    assert [(item.cf_target, item.cf_index) for item in items] == [
        ("B", 1),
        ("A", 0),
        (None, None),
        (None, None),
    ]
    assert [item.cluster for item in items] == ["mmvp_pair_0", "mmvp_pair_0", "mmvp_pair_1", "mmvp_pair_1"]


def test_end_to_end_from_a_local_copy(blind_runs):
    """Golds A, B, B, B; the unhinted answer is "A" everywhere; pair 1's counterfactual targets B, A."""
    check_counted_run(
        blind_runs["mmvp"],
        records=4 * 8 + 2,  # the eight default variants, and pair 1's counterfactuals
        metrics={"acc_original": 0.25, "acc_no_image": 0.25, "mg_no_image": 0.0, "cf_acc": 0.5,
                 "prior_follow_rate": 0.5},
    )  # fmt: skip
