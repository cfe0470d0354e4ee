"""Yes/no answer extraction."""

from __future__ import annotations

import re

from mb_tasks.parsing.negation import rejections
from mb_tasks.parsing.text import COMMITMENT, collapse_whitespace, only_one

_WORDS = re.compile(r"[a-z]+")
_YES = {"yes", "true", "correct"}
_NO = {"no", "false", "incorrect"}
_ANSWER_WORD = r"(?<![\w'’])(?P<answer>yes|no|true|false|correct|incorrect)\b"
# A committed yes/no, which counts even in a hedging answer: "..., but the answer is yes" (not "yes or no").
_COMMITTED = re.compile(COMMITMENT + r"\s?(yes|no)\b(?!\s?(?:(?:or|and)\b|/))")


def _unrejected(response: str) -> str:
    """The answer in lower case, with each rejected yes/no word ("not yes", "yes is wrong") blanked out."""
    return rejections(collapse_whitespace(response.lower()), _ANSWER_WORD, _ANSWER_WORD)[0]


def parse_yes_no(response: str) -> str | None:
    """ "yes" or "no" from the first word, else from the only kind of yes/no word present, else None;
    a rejected word counts as absent ("Not yes." is None, "not yes, no" is "no")."""
    words = _WORDS.findall(_unrejected(response))
    if not words:
        return None
    if words[0] in _YES:
        return "yes"
    if words[0] in _NO:
        return "no"
    kinds = {"yes" if word in _YES else "no" for word in words if word in _YES or word in _NO}
    return kinds.pop() if len(kinds) == 1 else None


def committed_yes_no(response: str) -> str | None:
    """The one of "yes"/"no" the answer commits to ("the answer is no", "Answer: yes"), else None."""
    return only_one(_COMMITTED.findall(_unrejected(response)))
