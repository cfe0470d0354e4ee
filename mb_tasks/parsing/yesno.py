"""Yes/no answer extraction."""

from __future__ import annotations

import re

_WORDS = re.compile(r"[a-z]+")
_YES = {"yes", "true", "correct"}
_NO = {"no", "false", "incorrect"}


def parse_yes_no(response: str) -> str | None:
    """ "yes" or "no" from the first word, else from the only kind of yes/no word present, else None."""
    words = _WORDS.findall(response.lower())
    if not words:
        return None
    if words[0] in _YES:
        return "yes"
    if words[0] in _NO:
        return "no"
    kinds = {"yes" if word in _YES else "no" for word in words if word in _YES or word in _NO}
    return kinds.pop() if len(kinds) == 1 else None
