"""modbias_gqa: questions find their image in the image split by imageId (no image copied into a
question row), clustered by image; end to end from a local copy."""

import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from mb_tasks.benchmarks.gqa import attach_images
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import gqa_image_rows, gqa_rows, table


def test_each_question_gets_the_row_of_its_image_and_a_missing_one_is_named():
    questions = attach_images(table(gqa_rows), table(gqa_image_rows))
    assert questions["image_row"] == [1, 1, 2, 0]  # n1, n1, n2, n3 in the image split n3, n1, n2
    items = [adapter("gqa").item(doc, row) for row, doc in enumerate(questions)]
    assert [item.cluster for item in items] == [
        "gqa_image_n1",
        "gqa_image_n1",
        "gqa_image_n2",
        "gqa_image_n3",
    ]
    with pytest.raises(ItemError, match="item gqa_q1: image 'n1' is not in the image split"):
        adapter("gqa").item({**questions[0], "image_row": -1}, 0)


def test_end_to_end_from_a_local_copy(blind_runs):
    """Golds yes, cup, no, yes: "yes" is right twice."""
    check_counted_run(blind_runs["gqa"], records=4 * 8, metrics={"acc_original": 0.5})
