"""Where the records a report used came from, per origin."""

from __future__ import annotations

from records_factory import mcq_record

from mb_tasks.metrics.screening import screen_records
from mb_tasks.metrics.sources import screened_sources, source_summary


def test_source_summary_has_one_entry_per_origin_with_its_files_and_source_scored_records() -> None:
    def sourced(pair_id: str, model: str, file: str, **extra: object) -> dict:
        source = {"format": "generic", "repo": "me/answers", "commit": "abc", "model": model, "file": file}
        return mcq_record(pair_id, "original", "A", source={**source, "row": pair_id}, **extra)

    records = [
        sourced(f"i{i}", "M1", f"f{i % 5}.csv", scored_by="source" if i < 3 else None) for i in range(7)
    ]
    records += [sourced("j0", "M0", "g.csv"), sourced("j1", "M0", "g.csv", benchmark="other")]
    records += [mcq_record("k0", "original", "A"), mcq_record("k1", "original", "A", source="notes.txt")]
    records.append(mcq_record("k2", "original", "A", source={"repo": ["x"], "row": 3}))
    assert source_summary(records) == [
        {"benchmark": "bench", "format": None, "repo": "['x']", "commit": None, "model": None,
         "files": [], "records": 1, "source_scored": 0},
        {"benchmark": "bench", "format": "generic", "repo": "me/answers", "commit": "abc", "model": "M0",
         "files": ["g.csv"], "records": 1, "source_scored": 0},
        {"benchmark": "bench", "format": "generic", "repo": "me/answers", "commit": "abc", "model": "M1",
         "files": ["f0.csv", "f1.csv", "f2.csv", "f3.csv", "f4.csv"], "records": 7, "source_scored": 3},
        {"benchmark": "other", "format": "generic", "repo": "me/answers", "commit": "abc", "model": "M0",
         "files": ["g.csv"], "records": 1, "source_scored": 0},
    ]  # fmt: skip
    assert source_summary([mcq_record("k0", "original", "A")]) == []


def test_the_sources_of_a_screening_are_those_of_the_records_it_kept() -> None:
    source = {"format": "generic", "repo": "me/answers", "model": "M", "file": "a.csv"}
    records = [mcq_record(f"i{i}", "original", "A", source=source) for i in range(3)]
    records += [dict(records[0]), dict(records[1], score="bad")]  # a duplicate and a rejected record
    screening = screen_records(records, keep_records=False)
    assert screened_sources(screening) == source_summary(records[:3])
    assert screened_sources(screening)[0]["records"] == 3
