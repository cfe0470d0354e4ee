"""modbias_cv_bench: "(A)" golds and a choices list, end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import cv_bench_rows


def test_the_parenthesized_gold_becomes_its_letter():
    rows, _ = cv_bench_rows()
    item = adapter("cv_bench").item({k: v[1] for k, v in rows.items()}, 1)
    assert (item.pair_id, item.target, item.options, item.category) == (
        "1",
        "B",
        ("left", "right"),
        "Relation",
    )


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = cv_bench_rows()
    ids = [str(idx) for idx in rows["idx"]]
    check_blind_run(
        blind_runs["cv_bench"],
        fixed_answer="yes",
        golds={i: answer.strip("()") for i, answer in zip(ids, rows["answer"], strict=True)},
        chances={i: 1 / len(choices) for i, choices in zip(ids, rows["choices"], strict=True)},
        categories=dict(zip(ids, rows["task"], strict=True)),
        clusters=dict.fromkeys(ids),
    )
