"""modbias_mmbench_en_dev: options from columns A-D ("nan" = absent), circular copies clustered,
end to end from a local copy."""

from mb_tasks.benchmarks.base import adapter
from tests.benchmarks.blind_run import check_blind_run
from tests.benchmarks.local_data import mmbench_en_dev_rows


def test_absent_options_are_left_out_and_circular_copies_share_a_cluster():
    rows, _ = mmbench_en_dev_rows()
    items = [adapter("mmbench_en_dev").item({k: v[i] for k, v in rows.items()}, i) for i in range(5)]
    assert [len(item.options) for item in items] == [4, 2, 3, 4, 4]
    assert items[0].cluster == items[3].cluster == "0"
    assert len({item.cluster for item in items}) == 4


def test_end_to_end_from_a_local_copy(blind_runs):
    rows, _ = mmbench_en_dev_rows()
    ids = [str(index) for index in rows["index"]]
    counts = [sum(rows[letter][i] != "nan" for letter in "ABCD") for i in range(len(ids))]
    check_blind_run(
        blind_runs["mmbench_en_dev"],
        fixed_answer="A",
        golds=dict(zip(ids, rows["answer"], strict=True)),
        chances={i: 1 / n for i, n in zip(ids, counts, strict=True)},
        categories=dict(zip(ids, rows["category"], strict=True)),
        clusters={i: str(int(i) % 1_000_000) for i in ids},
    )
