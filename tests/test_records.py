"""The Record type names every field the committed records carry."""

from pathlib import Path

from mb_tasks.records import Record
from mb_tasks.report import read_records

ROOT = Path(__file__).resolve().parents[1]

#: The benchmarks of the committed records: the published answers and the examples (the synth runs'
#: sample logs under results/modbias_synth are read too where reproduce.sh has written them).
COMMITTED = {
    "hallusionbench",
    "mathvista_testmini",
    "mathv_test",
    "visonlyqa_synthetic",
    "toy_mcq",
    "toy_yesno",
}


def test_record_names_every_field_of_the_committed_records() -> None:
    records = read_records([ROOT / "results", ROOT / "examples" / "records.jsonl"]).records
    assert {record["benchmark"] for record in records} >= COMMITTED
    fields = {name for record in records for name in record}
    assert fields <= Record.__required_keys__ | Record.__optional_keys__
    assert Record.__required_keys__ == {"benchmark", "pair_id", "variant"}
