"""modbias_chartqa: relaxed-accuracy items by chart type, an item without answer is named; end to
end from a local copy."""

import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items, chartqa_rows, docs


def test_items_are_scored_relaxed_by_chart_type_and_an_empty_answer_is_named():
    rows, _ = chartqa_rows()
    items = adapter_items("chartqa")
    assert [(item.pair_id, item.answer_type) for item in items] == [
        (f"chartqa_{i}", "relaxed") for i in range(3)
    ]
    assert [(item.category, item.target) for item in items] == list(
        zip(rows["type"], rows["answer"], strict=True)
    )
    with pytest.raises(ItemError, match="item chartqa_1: no answer"):
        adapter("chartqa").item({**docs(chartqa_rows)[1], "answer": " "}, 1)


def test_end_to_end_from_a_local_copy(blind_runs):
    """Relaxed accuracy: "yes" equals "yes" and "Yes" (case-insensitive), not "2019"."""
    check_counted_run(blind_runs["chartqa"], records=3 * 8, metrics={"acc_original": 2 / 3})
