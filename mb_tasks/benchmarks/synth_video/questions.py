"""Question families of modbias_synth_video: a query is ``{"family", "args"}``; its text, the parse
back from text, and the answer the question's wording alone implies (the prior families').

Every family needs the frames in order: which way an object moves, which object appears first, how
many objects are left at the end. In the prior families the question's wording names the motion
("the falling ball", "the rising balloon"), so the answer follows from text alone on the original
clip, and the reversed clip (the counterfactual) contradicts it.
"""

from __future__ import annotations

import re
from typing import Any

Query = dict[str, Any]

#: The answer options of the motion families, and each direction's opposite.
DIRECTIONS: tuple[str, ...] = ("left", "right", "up", "down")
OPPOSITE: dict[str, str] = {"left": "right", "right": "left", "up": "down", "down": "up"}
#: prior family -> (its adjective, the object it names, the direction its wording implies).
PRIORS: dict[str, tuple[str, str, str]] = {
    "prior_fall": ("falling", "ball", "down"),
    "prior_rise": ("rising", "balloon", "up"),
}
PRIOR_FAMILIES: tuple[str, ...] = tuple(PRIORS)
#: Every family, in item order.
FAMILIES: tuple[str, ...] = ("direction", "order", "count_end", *PRIOR_FAMILIES)

_KIND_OF_ADJECTIVE = {adjective: family for family, (adjective, _, _) in PRIORS.items()}
_MOTION = re.compile(r"Which way does the (?:(falling|rising) )?([a-z]+) ([a-z]+) move\?")
_ORDER = re.compile(r"Which object appears first in the video\?")
_COUNT = re.compile(r"How many ([a-z]+) ([a-z]+)s are there at the end of the video\?")


def question_text(query: Query) -> str:
    """The question a query asks, in words."""
    family, args = query["family"], query["args"]
    if family == "direction":
        return f"Which way does the {args[0]} {args[1]} move?"
    if family in PRIORS:
        adjective, noun, _ = PRIORS[family]
        return f"Which way does the {adjective} {args[0]} {noun} move?"
    if family == "order":
        return "Which object appears first in the video?"
    if family == "count_end":
        return f"How many {args[0]} {args[1]}s are there at the end of the video?"
    raise ValueError(f"unknown question family {family!r}")


def parse_question(text: str) -> Query | None:
    """The query whose question appears in ``text`` (e.g. a whole prompt), or None."""
    if motion := _MOTION.search(text):
        adjective, colour, noun = motion.groups()
        if adjective is None:
            return {"family": "direction", "args": [colour, noun]}
        return {"family": _KIND_OF_ADJECTIVE[adjective], "args": [colour]}
    if _ORDER.search(text):
        return {"family": "order", "args": []}
    if count := _COUNT.search(text):
        return {"family": "count_end", "args": list(count.groups())}
    return None


def moving_colour(query: Query) -> str | None:
    """The colour of the object a motion question asks about (None for other families)."""
    return query["args"][0] if query["family"] == "direction" or query["family"] in PRIORS else None


def prior_answer(query: Query) -> str | None:
    """The answer the question's wording implies (a falling ball moves down), or None."""
    return PRIORS[query["family"]][2] if query["family"] in PRIORS else None
