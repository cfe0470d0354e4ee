"""Screening records before the tables: everything left out is named and counted per benchmark."""

from __future__ import annotations

import pytest
from records_factory import mcq_record, paired_table

from mb_tasks.metrics.screening import MAX_LINES_PER_REASON, screen_records
from mb_tasks.records import VARIANTS


def test_records_left_out_are_counted_per_benchmark_and_reason_and_located() -> None:
    records = paired_table({(1, 0): 3})
    records[1] = dict(records[1], score="abc")
    records.append(dict(records[0], benchmark=7))
    records.append(dict(records[2], skipped="item item1: image is truncated"))
    screening = screen_records(records, [f"f.jsonl:{line}" for line in range(1, len(records) + 1)])
    assert screening.problems[:2] == [
        "f.jsonl:2: score 'abc' is not a number in [0, 1]; record left out",
        "f.jsonl:7: benchmark 7 is not a name (a non-empty string); record left out",
    ]
    assert screening.left_out == {"bench": {"bad field": 1, "skipped": 1}}
    assert screening.left_out_unnamed == {"bad field": 1}
    assert screening.records_read == 8 and screening.records_left_out == 3
    assert len(screening.records) == 5


def test_without_locations_a_problem_names_the_record() -> None:
    screening = screen_records([dict(mcq_record("item0", "original", "A"), valid="perhaps")])
    assert screening.problems == [
        "record benchmark='bench', pair_id='item0', variant='original': valid 'perhaps' is not true/false; "
        "record left out"
    ]


def test_duplicates_name_their_items_and_conflicts_name_both_answers() -> None:
    first = mcq_record("item0", "original", "A")
    conflicting = mcq_record("item0", "original", "B")
    records = [first, mcq_record("item1", "original", "A"), conflicting, dict(first), dict(first)]
    screening = screen_records(records, ["a:1", "a:2", "a:3", "a:4", "a:5"])
    assert screening.records == [first, records[1]]
    assert screening.problems == [
        "a:3: conflicting duplicate of bench item 'item0' 'original': the first record (a:1: score 1, "
        "parsed 'A', valid True) is kept, this one (score 0, parsed 'B', valid True) is left out",
        "bench: 2 duplicate 'original' record(s) left out (the first record of each item is kept): "
        "item item0, item0",
    ]
    assert screening.left_out == {"bench": {"conflicting duplicate": 1, "duplicate": 2}}


def test_problem_lines_are_capped_per_reason_and_the_rest_counted() -> None:
    records = [mcq_record(f"item{i}", "original", "A", score=2.0) for i in range(MAX_LINES_PER_REASON + 7)]
    screening = screen_records(records)
    assert len(screening.problems) == MAX_LINES_PER_REASON + 1
    assert screening.problems[-1] == "7 more 'bad field' problem line(s) not listed"
    assert screening.left_out == {"bench": {"bad field": MAX_LINES_PER_REASON + 7}}


def test_partial_items_are_named_with_their_variant_counts() -> None:
    whole = [mcq_record("item0", variant, "A", item_variants=9) for variant in VARIANTS]
    cut = [mcq_record("item1", variant, "A", item_variants=9) for variant in VARIANTS[:5]]
    cut[4] = dict(cut[4], skipped="image is truncated")  # still present for this check
    screening = screen_records([*whole, *cut])
    assert screening.items_partial == {"bench": 1}
    assert any("1 partial item(s)" in p and "item item1 has 5 of 9" in p for p in screening.problems)
    assert len(screening.records) == 9 + 4  # partial items are used as they are; the skipped one is not
    assert screen_records(whole).items_partial == {}


def test_expansion_problems_are_reported_once_and_dropped_items_counted() -> None:
    problems = [
        {
            "item": "112",
            "row": 12,
            "message": "bench: row 12: item 112: answer 'E' is not an option; item skipped",
        },
        {"item": None, "row": None, "message": "mismatch not run: the benchmark has 1 distinct image"},
    ]
    first = mcq_record("item0", "original", "A", expansion_problems=problems)
    again = dict(first, pair_id="item0", variant="no_image")  # the same list, e.g. a second process
    screening = screen_records([first, again, dict(first, skipped="truncated")])
    assert screening.items_dropped == {"bench": 1}
    assert screening.problems[:2] == [problem["message"] for problem in problems]
    assert sum(problem["message"] in line for line in screening.problems for problem in problems) == 2


def test_unknown_variants_are_counted() -> None:
    screening = screen_records([mcq_record("item0", "original", "A"), mcq_record("item0", "No_Image", "A")])
    assert screening.left_out == {"bench": {"unknown variant": 1}}
    assert "bench: unknown variant 'No_Image' in 1 record(s), left out" in screening.problems[0]


def test_screening_keeps_each_records_source_as_it_was() -> None:
    source = {"format": "generic", "repo": "me/answers", "file": "a.csv", "row": 2, "extra": [1, {"x": None}]}
    foreign = {k: v for k, v in mcq_record("i0", "original", "A").items() if k not in ("score", "valid")}
    screening = screen_records([dict(foreign, source=source), dict(foreign, pair_id=3, source=source)])
    assert [record["source"] for record in screening.records] == [source, source]
    assert screening.records[1]["pair_id"] == "3"  # validated and scored, the source untouched


def test_expansion_notes_come_first_even_when_their_record_comes_after_rejected_ones() -> None:
    over = MAX_LINES_PER_REASON + 2
    rejected = [mcq_record(f"bad{i}", "original", "A", valid="perhaps") for i in range(over)]
    notes = [{"item": None, "row": None, "message": f"note {i}"} for i in range(over)]
    screening = screen_records([*rejected, mcq_record("item0", "original", "A", expansion_problems=notes)])
    listed = MAX_LINES_PER_REASON
    assert screening.problems[:listed] == [f"note {i}" for i in range(listed)]
    assert all(
        "valid 'perhaps' is not true/false" in line for line in screening.problems[listed : 2 * listed]
    )
    assert screening.problems[2 * listed :] == [
        "2 more 'dropped at expansion' problem line(s) not listed",
        "2 more 'bad field' problem line(s) not listed",
    ]


def test_a_screening_without_dicts_names_its_records_by_key_and_can_be_restricted() -> None:
    records = [mcq_record(f"item{i}", variant, "A") for i in range(3) for variant in ("original", "no_image")]
    records.append(dict(records[0]))  # a duplicate, left out
    screening = screen_records(records, keep_records=False)
    keys = [(r["benchmark"], r["pair_id"], r["variant"]) for r in records[:6]]
    assert screening.record_keys() == keys
    with pytest.raises(ValueError, match="columns only"):
        screening.records  # noqa: B018
    assert screening.restricted(screening.kept[::2]).record_keys() == keys[::2]
    assert screen_records(records).records == records[:6]
