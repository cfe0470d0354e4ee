"""The Record type names every field the committed records carry."""

from pathlib import Path

from mb_tasks.records import Record
from mb_tasks.report import read_records

ROOT = Path(__file__).resolve().parents[1]


def test_record_names_every_field_of_the_committed_records() -> None:
    records = read_records([ROOT / "results", ROOT / "examples" / "records.jsonl"]).records
    assert len(records) > 90_000  # published answers, synth runs and the examples
    fields = {name for record in records for name in record}
    assert fields <= Record.__required_keys__ | Record.__optional_keys__
    assert Record.__required_keys__ == {"benchmark", "pair_id", "variant"}
