"""Pieces of a record that the row-per-answer formats (VLMEvalKit, lmms-eval samples, generic) share:
the options a row offers, the answer type of an item, and the benchmark a file is about."""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from typing import Any

from mb_tasks.parsing import parse_yes_no
from mb_tasks.records import ANSWER_TYPES

_YES_NO = {"yes", "no", "true", "false"}


def letter_options(row: Mapping[str, Any]) -> list[str]:
    """The option texts in a row's "A", "B", ... columns, from A up to the first one missing or empty."""
    options = []
    for letter in string.ascii_uppercase:
        value = row.get(letter)
        if value is None or str(value).strip() in ("", "nan"):
            break
        options.append(str(value))
    return options


def listed_options(value: Any) -> list[str] | None:
    """Options given in one field: a list, a JSON list, or texts separated by "|"; None when empty."""
    if isinstance(value, list):
        return [str(option) for option in value] or None
    text = "" if value is None else str(value).strip()
    if text.startswith("["):
        try:
            return [str(option) for option in json.loads(text)] or None
        except json.JSONDecodeError:
            pass
    return [part.strip() for part in text.split("|")] if text else None


def answer_type_of(target: Any, options: list[str] | None, given: str | None) -> str:
    """``given``, else "mcq" with options or a one-letter gold, "yesno" for a yes/no gold, else "open"."""
    if given:
        return given
    text = str(target).strip()
    if options or (len(text) == 1 and text.isalpha()):
        return "mcq"
    return "yesno" if text.lower() in _YES_NO and parse_yes_no(text) else "open"


def mcq_options(answer_type: str, options: list[str] | None, choices: str) -> list[str] | None:
    """The options of an item: its own, or for a multiple-choice item that lists none the letters of
    ``choices`` (the gold and answers are then letters)."""
    return list(choices) if answer_type == "mcq" and not options else options


def check_answer_type(value: str | None) -> str | None:
    """A problem with an answer type given on the command line, or None."""
    if value is None or value in ANSWER_TYPES:
        return None
    return f"unknown answer type {value!r}; expected one of {', '.join(ANSWER_TYPES)}"
