"""modbias_mme: two questions per image clustered by image, end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import mme_rows


def test_the_two_questions_of_an_image_are_two_items_in_one_cluster():
    rows, _ = mme_rows()
    first, second = (adapter("mme").item({k: v[i] for k, v in rows.items()}, i) for i in (0, 1))
    assert first.pair_id != second.pair_id
    assert first.cluster == second.cluster == rows["question_id"][0]
    assert (first.target, second.target) == ("yes", "no")


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = mme_rows()
    ids = [f"{qid}#{i}" for i, qid in enumerate(rows["question_id"])]
    check_blind_run(
        blind_runs["mme"],
        fixed_answer="yes",
        golds={i: answer.lower() for i, answer in zip(ids, rows["answer"], strict=True)},
        chances=dict.fromkeys(ids, 0.5),
        categories=dict(zip(ids, rows["category"], strict=True)),
        clusters=dict(zip(ids, rows["question_id"], strict=True)),
    )
