"""The one check of a record's fields and types before it reaches a table.

:func:`validate_record` returns the record with its fields in the types the tables read (a foreign
record scored first), or why it is left out. The rules, each a reason counted in the report:

- ``benchmark``, ``variant``: non-empty strings; ``pair_id``: a string, or an integer (read as its
  string, so 3 and "3" are one item). Anything else (a list, a dict, 7 as a benchmark) is a
  "bad field"; missing or null, a "missing field".
- ``score`` and ``chance``: a number or a numeric string ("1.0") in [0, 1]; NaN, ±inf, out of range,
  a boolean or anything non-numeric is a "bad field". ``chance`` may be missing or null (then it
  follows from ``answer_type`` and ``options``).
- ``valid``: true/false, 0/1, or one of the strings "true", "false", "yes", "no", "1", "0" (any case,
  surrounding spaces ignored); anything else is a "bad field".
- ``answer_type`` (when given): one of :data:`mb_tasks.records.ANSWER_TYPES`; ``options`` (when
  given): a list of strings; ``category`` and ``cluster`` (when given): a string or an integer;
  ``item_variants`` (when given): a positive integer. Otherwise a "bad field".
- A record with a ``score`` and ``valid`` is used as it is; ``response``, ``target`` and
  ``answer_type`` may be missing, except that a counterfactual record needs its ``target`` (the
  original gold ``prior_follow_rate`` compares against).
- A foreign record (no ``score`` or no ``valid``) is scored with the tasks' own functions, so it needs:
  a ``response`` field (an empty string stays an invalid "empty" answer; no field is a "missing
  field"); an ``answer_type``, which is inferred as "mcq" only when the record has a non-empty
  ``options`` list (else a "missing field"); and a target (``cf_target`` for a counterfactual, else
  ``target``) that is not null and names a valid answer, e.g. one of the option letters of an mcq
  item ("Z" with 4 options is a "bad field"). A record that still fails to score is "cannot be scored".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real
from typing import Any

from mb_tasks.parsing import gold_answers, score_record, scoring_target
from mb_tasks.records import ANSWER_TYPES, Record

BAD_FIELD, MISSING_FIELD, CANNOT_BE_SCORED = "bad field", "missing field", "cannot be scored"

#: A record's fields as read, before they are checked: any dict.
Fields = dict[str, Any]

#: Strings read as a ``valid`` flag (compared lower-case, without surrounding spaces).
FLAG_STRINGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


@dataclass(frozen=True)
class Rejection:
    """Why a record is left out: the reason it is counted under, and the detail shown."""

    reason: str
    detail: str


class _Rejected(Exception):
    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.rejection = Rejection(reason, detail)


def _shown(value: Any) -> str:
    """A field value as shown in a message (its repr, cut to 60 characters)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _given(record: Fields, name: str) -> Any:
    """The field's value; a "missing field" rejection when it is absent or null."""
    value = record.get(name)
    if value is None:
        raise _Rejected(MISSING_FIELD, f"no {name} field (missing or null)")
    return value


def _name(record: Fields, name: str) -> str:
    value = _given(record, name)
    if not isinstance(value, str) or not value:
        raise _Rejected(BAD_FIELD, f"{name} {_shown(value)} is not a name (a non-empty string)")
    return value


def _pair_id(record: Fields) -> str:
    value = _given(record, "pair_id")
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise _Rejected(BAD_FIELD, f"pair_id {_shown(value)} is not an item id (a string or an integer)")
    return str(value)


def unit_number(value: Any) -> float | None:
    """``value`` as a float in [0, 1] (numbers and numeric strings), or None if it is not one."""
    if type(value) is not float:  # a float, as most records give, needs no conversion
        if isinstance(value, bool) or not isinstance(value, (Real, str)):
            return None
        try:
            value = float(value)
        except ValueError:
            return None
    return value if math.isfinite(value) and 0.0 <= value <= 1.0 else None


def flag(value: Any) -> bool | None:
    """``value`` as a ``valid`` flag (booleans, 0/1 and :data:`FLAG_STRINGS`), or None if it is not one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Real) and value in (0, 1):
        return bool(value)
    return FLAG_STRINGS.get(value.strip().lower()) if isinstance(value, str) else None


def _unit_field(record: Fields, name: str) -> float:
    number = unit_number(record[name])
    if number is None:
        raise _Rejected(BAD_FIELD, f"{name} {_shown(record[name])} is not a number in [0, 1]")
    return number


def _is_answer(value: Any) -> bool:
    """True for a gold answer: a string or number, or a list of them."""
    scalar = (str, int, float)
    return isinstance(value, scalar) or (
        isinstance(value, (list, tuple)) and all(isinstance(one, scalar) for one in value)
    )


def _check_optional_fields(record: Fields) -> None:
    """Reject a given answer_type, options, category, cluster or item_variants of the wrong type."""
    answer_type, options = record.get("answer_type"), record.get("options")
    if answer_type is not None and answer_type not in ANSWER_TYPES:
        raise _Rejected(
            BAD_FIELD, f"answer_type {_shown(answer_type)} is not one of {', '.join(ANSWER_TYPES)}"
        )
    if options is not None and not (
        isinstance(options, (list, tuple)) and all(isinstance(option, str) for option in options)
    ):
        raise _Rejected(BAD_FIELD, f"options {_shown(options)} is not a list of strings")
    for name in ("category", "cluster"):
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            raise _Rejected(BAD_FIELD, f"{name} {_shown(value)} is not a name (a string or an integer)")
    item_variants = record.get("item_variants")
    if item_variants is not None and (
        isinstance(item_variants, bool) or not isinstance(item_variants, int) or item_variants < 1
    ):
        raise _Rejected(BAD_FIELD, f"item_variants {_shown(item_variants)} is not a positive integer")
    if record["variant"] == "counterfactual" and not _is_answer(_given(record, "target")):
        raise _Rejected(BAD_FIELD, f"target {_shown(record['target'])} is not an answer")


def _foreign_answer_type(record: Fields) -> str:
    """The answer_type of a record to be scored: its own, or "mcq" when it has options."""
    if record.get("answer_type") is not None:
        return record["answer_type"]
    if record.get("options"):
        return "mcq"
    raise _Rejected(MISSING_FIELD, "no answer_type field (and no options to infer mcq from)")


def _scored(record: Fields) -> Fields:
    """A foreign record (no score/valid) scored by the tasks' functions, after checking what scoring needs."""
    answer_type = _foreign_answer_type(record)
    if "response" not in record:
        raise _Rejected(MISSING_FIELD, "no response field")
    target = scoring_target({"target": None, **record})
    if target is None:
        raise _Rejected(MISSING_FIELD, "no target field (missing or null)")
    options = record.get("options")
    if not _is_answer(target) or not any(gold_answers(target, answer_type, options)):
        what = f"an mcq item with {len(options or [])} options" if answer_type == "mcq" else answer_type
        raise _Rejected(BAD_FIELD, f"target {_shown(target)} is not a valid answer for {what}")
    try:
        return score_record({**record, "answer_type": answer_type})
    except (KeyError, TypeError, ValueError) as error:
        raise _Rejected(CANNOT_BE_SCORED, f"cannot be scored ({type(error).__name__}: {error})") from error


def _checked(record: Fields) -> Record:
    fixed = {
        "benchmark": _name(record, "benchmark"),
        "pair_id": _pair_id(record),
        "variant": _name(record, "variant"),
    }
    record = {**record, **fixed}
    _check_optional_fields(record)
    if record.get("score") is None or record.get("valid") is None:
        record = _scored(record)
    valid = flag(record["valid"])
    if valid is None:
        raise _Rejected(BAD_FIELD, f"valid {_shown(record['valid'])} is not true/false")
    record.update(score=_unit_field(record, "score"), valid=valid)
    if record.get("chance") is not None:
        record["chance"] = _unit_field(record, "chance")
    return record


def validate_record(record: Fields) -> tuple[Record | None, Rejection | None]:
    """(the record with its fields in the tables' types, None), or (None, why it is left out); the
    rules are in this module's docstring."""
    try:
        return _checked(record), None
    except _Rejected as rejected:
        return None, rejected.rejection
