"""modbias_hallusion_bench_image: an original figure's question whose answer flips on an edited
figure has that figure as its counterfactual; a set is a cluster; end to end from a local copy."""

from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items


def test_the_edited_figure_where_the_answer_flips_is_the_counterfactual():
    items = adapter_items("hallusion_bench_image")
    assert [item.target for item in items] == ["yes", "yes", "no", "yes"]
    # figure 0 question 0 flips on figure 1 (row 2); question 1 does not; edited figures have none
    assert [(item.cf_target, item.cf_index) for item in items] == [
        ("no", 2),
        (None, None),
        (None, None),
        (None, None),
    ]
    assert {item.cluster for item in items} == {"VS_chart_3"}


def test_end_to_end_from_a_local_copy(blind_runs):
    """Golds yes, yes, no, yes; the one counterfactual's target is "no"; "yes" follows the prior."""
    check_counted_run(
        blind_runs["hallusion_bench_image"],
        records=4 * 8 + 1,
        metrics={"acc_original": 0.75, "cf_acc": 0.0, "prior_follow_rate": 1.0, "yes_ratio_original": 1.0},
    )
