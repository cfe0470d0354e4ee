"""Validated records as compact columns: each field as the tables and the screening read it."""

from __future__ import annotations

from records_factory import OPTIONS, mcq_record, yesno_record

from mb_tasks.metrics.columns import NO_ANSWER, RecordColumns, location_text
from mb_tasks.metrics.validation import validate_record
from mb_tasks.parsing import score_parsed


def columns_of(*records: dict) -> RecordColumns:
    columns = RecordColumns()
    for number, record in enumerate(records, start=1):
        checked, rejection = validate_record(record)
        assert rejection is None, rejection
        columns.append(checked, ("run.jsonl", number))
    return columns


def test_names_are_kept_once_and_each_record_holds_their_codes() -> None:
    records = [
        mcq_record(f"item{i % 3}", variant, "A") for i, variant in enumerate(["original", "no_image"] * 3)
    ]
    columns = columns_of(*records)
    assert len(columns) == 6
    assert columns.pair_ids.values == ["item0", "item1", "item2"]
    assert columns.variants.values == ["original", "no_image"]
    assert [columns.pair_ids.values[code] for code in columns.pair] == [r["pair_id"] for r in records]
    assert [columns.variants.values[code] for code in columns.variant] == [r["variant"] for r in records]


def test_parsed_values_that_a_dict_would_merge_stay_apart_and_answers_compare_by_text() -> None:
    columns = columns_of(
        *(yesno_record("i", "original", "yes", parsed=value) for value in ("1", 1, True, 1.0, "1"))
    )
    assert [columns.parsed_reprs[code] for code in columns.parsed] == ["'1'", "1", "True", "1.0", "'1'"]
    answers = [columns.parsed_answers[code] for code in columns.parsed]
    # As text, "1", 1 and 1.0 are two answers ("1" and "1.0") and True a third.
    assert answers[0] == answers[1] == answers[4] != answers[3] and answers[2] not in (answers[0], answers[3])
    assert columns.answer_text(1) == "score 1, parsed 1, valid True"


def test_a_hinted_answer_is_kept_in_the_answers_form_and_only_for_hinted_variants() -> None:
    columns = columns_of(
        mcq_record("i", "misleading_hint", "B", hint_answer="(B)"),
        mcq_record("i", "original", "A", hint_answer="B"),
    )
    assert columns.hint[0] == columns.parsed_answers[columns.parsed[0]] != NO_ANSWER
    assert columns.hint[1] == NO_ANSWER


def test_a_counterfactual_answer_is_scored_against_the_original_gold() -> None:
    follows_prior = mcq_record("i", "counterfactual", "A", gold="A", cf_target="C")
    follows_image = mcq_record("i", "counterfactual", "C", gold="A", cf_target="C")
    columns = columns_of(follows_prior, follows_image, mcq_record("i", "original", "A"))
    expected = [score_parsed(r["parsed"], "A", "mcq", OPTIONS) for r in (follows_prior, follows_image)]
    assert list(columns.follows) == [*expected, 0.0] == [1.0, 0.0, 0.0]


def test_chance_is_the_records_own_or_follows_from_its_answer_type() -> None:
    given = dict(mcq_record("i", "original", "A"), chance=0.5)
    missing = {k: v for k, v in mcq_record("j", "original", "A").items() if k != "chance"}
    columns = columns_of(given, missing, dict(yesno_record("k", "original", "yes"), chance=None))
    assert list(columns.chance) == [0.5, 1 / len(OPTIONS), 0.5]


def test_item_fields_origins_and_locations() -> None:
    source = {"format": "generic", "repo": "me/answers", "file": "a.csv", "row": 3}
    columns = columns_of(
        yesno_record("i", "original", "yes", category="colour", cluster=7),
        mcq_record("j", "original", "A", source=source, scored_by="source"),
    )
    assert [columns.item_fields.values[code] for code in columns.item] == [
        (True, "colour", 7),
        (False, None, None),
    ]
    assert list(columns.origin) == [-1, 0]
    assert columns.origins.values == [(("generic", "me/answers", None, None), "a.csv", True)]
    assert [columns.location(row) for row in range(2)] == ["run.jsonl:1", "run.jsonl:2"]
    assert location_text(("record 5 of the list", 0)) == "record 5 of the list"
