"""The one check of a record's fields and types: each rule of mb_tasks.metrics.validation."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from records_factory import OPTIONS, mcq_record

from mb_tasks.metrics.validation import BAD_FIELD, CANNOT_BE_SCORED, MISSING_FIELD, validate_record

RECORD = mcq_record("item0", "original", "A")
FOREIGN = {k: v for k, v in RECORD.items() if k not in ("parsed", "score", "valid", "chance")}


def rejection(record: dict) -> tuple[str, str]:
    checked, why = validate_record(record)
    assert checked is None and why is not None
    return why.reason, why.detail


@pytest.mark.parametrize(
    ("field", "value", "reason", "detail"),
    [
        ("benchmark", 7, BAD_FIELD, "benchmark 7 is not a name"),
        ("benchmark", {"name": "x"}, BAD_FIELD, "benchmark {'name': 'x'} is not a name"),
        ("benchmark", "", BAD_FIELD, "benchmark '' is not a name"),
        ("benchmark", None, MISSING_FIELD, "no benchmark field"),
        ("variant", ["original"], BAD_FIELD, "variant ['original'] is not a name"),
        ("pair_id", ["item0"], BAD_FIELD, "pair_id ['item0'] is not an item id"),
        ("pair_id", True, BAD_FIELD, "pair_id True is not an item id"),
        ("score", "abc", BAD_FIELD, "score 'abc' is not a number in [0, 1]"),
        ("score", [1], BAD_FIELD, "score [1] is not a number in [0, 1]"),
        ("score", 5.0, BAD_FIELD, "score 5.0 is not a number in [0, 1]"),
        ("score", -1.0, BAD_FIELD, "score -1.0 is not a number in [0, 1]"),
        ("score", math.nan, BAD_FIELD, "score nan is not a number in [0, 1]"),
        ("score", math.inf, BAD_FIELD, "score inf is not a number in [0, 1]"),
        ("score", "-inf", BAD_FIELD, "score '-inf' is not a number in [0, 1]"),
        ("score", True, BAD_FIELD, "score True is not a number in [0, 1]"),
        ("chance", "quarter", BAD_FIELD, "chance 'quarter' is not a number in [0, 1]"),
        ("chance", math.nan, BAD_FIELD, "chance nan is not a number in [0, 1]"),
        ("chance", 4, BAD_FIELD, "chance 4 is not a number in [0, 1]"),
        ("valid", "maybe", BAD_FIELD, "valid 'maybe' is not true/false"),
        ("valid", 2, BAD_FIELD, "valid 2 is not true/false"),
        ("valid", [True], BAD_FIELD, "valid [True] is not true/false"),
        ("answer_type", "essay", BAD_FIELD, "answer_type 'essay' is not one of mcq, yesno"),
        ("answer_type", ["mcq"], BAD_FIELD, "answer_type ['mcq'] is not one of"),
        ("options", 4, BAD_FIELD, "options 4 is not a list of strings"),
        ("options", [1, 2], BAD_FIELD, "options [1, 2] is not a list of strings"),
        ("category", {"a": 1}, BAD_FIELD, "category {'a': 1} is not a name"),
        ("cluster", [1], BAD_FIELD, "cluster [1] is not a name"),
        ("item_variants", 0, BAD_FIELD, "item_variants 0 is not a positive integer"),
        ("item_variants", "9", BAD_FIELD, "item_variants '9' is not a positive integer"),
    ],
)
def test_a_field_of_the_wrong_type_or_range_is_named(
    field: str, value: object, reason: str, detail: str
) -> None:
    found_reason, found_detail = rejection({**RECORD, field: value})
    assert found_reason == reason and found_detail.startswith(detail)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
        ("true", True),
        ("FALSE", False),
        (" yes ", True),
        ("No", False),
        ("1", True),
        ("0", False),
    ],
)
def test_valid_flags_are_read_by_the_documented_rule(given: object, expected: bool) -> None:
    checked, _ = validate_record({**RECORD, "valid": given})
    assert checked is not None and checked["valid"] is expected


@pytest.mark.parametrize(
    ("given", "expected"), [("1.0", 1.0), ("0", 0.0), (" 0.25 ", 0.25), (1, 1.0), (0.5, 0.5)]
)
def test_numeric_scores_and_chances_are_read_as_floats(given: object, expected: float) -> None:
    checked, _ = validate_record({**RECORD, "score": given, "chance": given})
    assert checked is not None and checked["score"] == expected and checked["chance"] == expected
    assert type(checked["score"]) is float


def test_an_integer_pair_id_is_its_string_and_the_input_is_not_changed() -> None:
    given = {**RECORD, "pair_id": 3, "valid": "yes"}
    checked, why = validate_record(given)
    assert why is None and checked["pair_id"] == "3" and checked["valid"] is True
    assert given["pair_id"] == 3 and given["valid"] == "yes"


def test_a_scored_record_needs_no_response_target_or_answer_type() -> None:
    bare = {k: v for k, v in RECORD.items() if k not in ("response", "target", "answer_type")}
    checked, why = validate_record(bare)
    assert why is None and checked["score"] == RECORD["score"]


def test_a_scored_counterfactual_needs_the_original_gold() -> None:
    counterfactual = mcq_record("item0", "counterfactual", "B", cf_target="B")
    assert validate_record(counterfactual)[1] is None
    assert rejection({**counterfactual, "target": None}) == (
        MISSING_FIELD,
        "no target field (missing or null)",
    )
    assert rejection({**counterfactual, "target": [[1]]})[0] == BAD_FIELD


@pytest.mark.parametrize(
    ("change", "reason", "detail"),
    [
        ({"response": None}, MISSING_FIELD, "no response field"),
        ({"target": None}, MISSING_FIELD, "no target field (missing or null)"),
        ({"target": "Z"}, BAD_FIELD, "target 'Z' is not a valid answer for an mcq item with 4 options"),
        (
            {"answer_type": "yesno", "target": "maybe"},
            BAD_FIELD,
            "target 'maybe' is not a valid answer for yesno",
        ),
        ({"answer_type": None, "options": None}, MISSING_FIELD, "no answer_type field (and no options"),
    ],
)
def test_a_foreign_record_missing_what_scoring_needs_is_named(change: dict, reason: str, detail: str) -> None:
    record = {**FOREIGN, **change}
    record = {k: v for k, v in record.items() if not (k == "response" and v is None)}
    found = rejection(record)
    assert found[0] == reason and found[1].startswith(detail)


def test_a_foreign_record_without_answer_type_but_with_options_is_scored_as_mcq() -> None:
    record = {k: v for k, v in FOREIGN.items() if k != "answer_type"}
    checked, why = validate_record(record)
    assert why is None
    assert (checked["answer_type"], checked["parsed"], checked["score"], checked["valid"]) == (
        "mcq",
        "A",
        1.0,
        True,
    )
    assert checked["chance"] == pytest.approx(1 / len(OPTIONS))


def test_an_empty_response_stays_an_invalid_answer() -> None:
    checked, why = validate_record({**FOREIGN, "response": ""})
    assert why is None and checked["valid"] is False and checked["invalid_reason"] == "empty"


class Unprintable:
    def __str__(self) -> str:
        raise ValueError("no text")


def test_a_foreign_record_that_fails_to_score_is_named() -> None:
    assert rejection({**FOREIGN, "response": Unprintable()}) == (
        CANNOT_BE_SCORED,
        "cannot be scored (ValueError: no text)",
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


@given(
    field=st.sampled_from(sorted({*RECORD, "item_variants", "cf_target", "hint_answer"})), value=JSON_VALUES
)
def test_any_json_value_in_any_field_is_used_or_named_never_raised(field: str, value: object) -> None:
    for base in (RECORD, FOREIGN):
        checked, why = validate_record(json.loads(json.dumps({**base, field: value})))
        assert (checked is None) != (why is None)
        if checked is not None:
            assert 0.0 <= checked["score"] <= 1.0 and isinstance(checked["valid"], bool)
            assert isinstance(checked["benchmark"], str) and isinstance(checked["pair_id"], str)
