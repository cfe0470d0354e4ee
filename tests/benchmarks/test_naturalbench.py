"""modbias_naturalbench: golds implicit in the position within a group of four, each row's
counterfactual the same question on the group's other image; end to end from a local copy."""

from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items


def test_golds_follow_the_position_and_the_other_image_is_the_counterfactual():
    items = adapter_items("naturalbench")
    assert [item.target for item in items] == ["yes", "no", "no", "yes", "A", "B", "B", "A"]
    assert [item.cf_index for item in items] == [1, 0, 3, 2, 5, 4, 7, 6]
    assert [item.cf_target for item in items] == ["no", "yes", "yes", "no", "B", "A", "A", "B"]
    assert [item.cluster for item in items] == ["naturalbench_group_0"] * 4 + ["naturalbench_group_1"] * 4


def test_end_to_end_from_a_local_copy(blind_runs):
    """The yes/no group's golds yes, no, no, yes; the multiple-choice group's "yes" is unparseable."""
    check_counted_run(
        blind_runs["naturalbench"],
        records=8 * 8 + 8,  # every row has its counterfactual
        metrics={
            "acc_original": 0.25,
            "invalid_rate_original": 0.5,
            "cf_acc": 0.25,
            "prior_follow_rate": 0.5,
        },
    )
