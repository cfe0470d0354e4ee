"""modbias_pope: yes/no items clustered by image, end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter, encoded_image_key
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import pope_rows


def test_question_ids_restart_per_setting_so_the_item_id_names_the_setting():
    rows, _ = pope_rows()
    items = [adapter("pope").item({k: v[i] for k, v in rows.items()}, i) for i in range(6)]
    assert [item.pair_id for item in items] == [
        f"{c}/{q}" for c, q in zip(rows["category"], rows["question_id"], strict=True)
    ]
    assert len({item.pair_id for item in items}) == 6
    assert len({item.cluster for item in items}) == 2  # three questions per image


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = pope_rows()
    ids = [f"{c}/{q}" for c, q in zip(rows["category"], rows["question_id"], strict=True)]
    check_blind_run(
        blind_runs["pope"],
        fixed_answer="yes",
        golds=dict(zip(ids, rows["answer"], strict=True)),
        chances=dict.fromkeys(ids, 0.5),
        categories=dict(zip(ids, rows["category"], strict=True)),
        clusters=dict(zip(ids, map(encoded_image_key, rows["image"]), strict=True)),
    )
