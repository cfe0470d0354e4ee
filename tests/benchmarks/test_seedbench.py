"""modbias_seedbench: image items only (video rows left out), end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import seedbench_rows


def test_only_image_items_are_selected():
    rows, _ = seedbench_rows()
    docs = [{k: v[i] for k, v in rows.items()} for i in range(len(rows["answer"]))]
    assert [adapter("seedbench").selects(doc) for doc in docs] == [
        doc["data_type"] == "image" for doc in docs
    ]


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = seedbench_rows()
    image_rows = [i for i, kind in enumerate(rows["data_type"]) if kind == "image"]
    ids = [rows["question_id"][i] for i in image_rows]
    check_blind_run(
        blind_runs["seedbench"],
        fixed_answer="A",
        golds={rows["question_id"][i]: rows["answer"][i] for i in image_rows},
        chances=dict.fromkeys(ids, 0.25),
        categories={rows["question_id"][i]: str(rows["question_type_id"][i]) for i in image_rows},
        clusters=dict.fromkeys(ids),
    )
