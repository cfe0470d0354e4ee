"""modbias_vlms_are_biased: the prior answer is the gold and the item's own (counterfactual) image
its counterfactual, scored against the truth; end to end from a local copy."""

from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items, vlms_are_biased_rows


def test_the_prior_is_the_gold_and_the_own_image_the_counterfactual():
    rows, _ = vlms_are_biased_rows()
    items = adapter_items("vlms_are_biased")
    assert [item.target for item in items] == rows["expected_bias"]
    assert [item.cf_target for item in items] == rows["ground_truth"]
    assert [item.cf_index for item in items] == [0, 1, 2]
    assert [item.answer_type for item in items] == ["open", "open", "yesno"]


def test_end_to_end_from_a_local_copy(blind_runs):
    """Counterfactual targets 4, 5, Yes; priors 3, 4, No; "yes" matches only the illusion's truth."""
    check_counted_run(
        blind_runs["vlms_are_biased"],
        records=3 * 2,  # no_image and counterfactual
        metrics={"cf_acc": 1 / 3, "prior_follow_rate": 0.0, "acc_no_image": 0.0},
    )
