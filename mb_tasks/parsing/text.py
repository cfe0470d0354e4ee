"""Text clean-up, answer-announcing phrases and small helpers the answer parsers share.

Every pattern in this package lets a whitespace run match at most one character (``\\s?``, ``\\s``),
and the parsers first collapse each run to one character, so no two quantifiers can share a run and
parsing is linear in the length of the answer. A leading ``(?=[...])`` lists the first letters of a
pattern's alternatives: it only skips, cheaply, the places where none of them can start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

_WHITESPACE_RUN = re.compile(r"\s\s+")
_Value = TypeVar("_Value")

#: A phrase that commits to the answer after it: "the answer is", "Answer:", "the closest answer among
#: the choices is", "my best guess would be".
COMMITMENT = (
    r"(?=[acgo])(?:\b(?:answer|option|choice|guess)(?:\s[a-z]+){0,4}?"
    r"\s(?:is|would\sbe|should\sbe|will\sbe|must\sbe)\b"
    r"(?:\s(?:probably|likely|definitely|clearly|most\slikely))?|\banswer\s?:)"
)
#: A committing phrase, or a bare keyword before the answer: "Answer B", "option C", "I choose D".
ANNOUNCEMENT = rf"(?=[acgops])(?:{COMMITMENT}|\b(?:answer|option|choice|choose|chose|select|pick|guess)\b)"


def _one_whitespace(run: re.Match[str]) -> str:
    return "\n" if "\n" in run.group() else " "


def collapse_whitespace(text: str) -> str:
    """``text`` stripped, with each run of whitespace characters made one newline (if it has one) or
    one space."""
    return _WHITESPACE_RUN.sub(_one_whitespace, text).strip()


def only_one(values: Iterable[_Value | None]) -> _Value | None:
    """The one distinct value among ``values`` (None ignored), or None if there are none or several;
    stops at the second distinct value."""
    found: _Value | None = None
    for value in values:
        if value is None or value == found:
            continue
        if found is not None:
            return None
        found = value
    return found
