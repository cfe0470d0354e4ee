"""Question families of modbias_synth_audio: a query is ``{"family", "args"}``; its text, the parse
back from text, and the answer the question's wording alone implies (the prior families').

Every family needs the sounds in order: whether a tone's pitch rises or falls, which of two tones
comes first, how many beeps come before the long tone. In the prior families the question's wording
names the sweep ("the rising siren", "the falling whistle"), so the answer follows from text alone on
the original recording, and the reversed recording (the counterfactual) contradicts it.
"""

from __future__ import annotations

import re
from typing import Any

Query = dict[str, Any]

#: The answer options of the pitch families, and each sweep's opposite.
PITCHES: tuple[str, ...] = ("rising", "falling", "steady", "wavering")
OPPOSITE: dict[str, str] = {"rising": "falling", "falling": "rising"}
#: The answer options of the first-tone family.
FIRST_TONES: tuple[str, ...] = ("the high tone", "the low tone", "both at once", "neither")
#: prior family -> (the sound its question names, the sweep its wording implies).
PRIORS: dict[str, tuple[str, str]] = {
    "prior_rise": ("rising siren", "rising"),
    "prior_fall": ("falling whistle", "falling"),
}
PRIOR_FAMILIES: tuple[str, ...] = tuple(PRIORS)
#: Every family, in item order.
FAMILIES: tuple[str, ...] = ("pitch", "first_tone", "beeps_before", *PRIOR_FAMILIES)

_FAMILY_OF_SOUND = {sound: family for family, (sound, _) in PRIORS.items()}
_PITCH = re.compile(r"Does the pitch of the ([a-z ]+?) rise or fall\?")
_FIRST = re.compile(r"Which comes first in the recording, the high tone or the low tone\?")
_BEEPS = re.compile(r"How many beeps come before the long tone\?")


def question_text(query: Query) -> str:
    """The question a query asks, in words."""
    family = query["family"]
    if family == "pitch":
        return "Does the pitch of the tone rise or fall?"
    if family in PRIORS:
        return f"Does the pitch of the {PRIORS[family][0]} rise or fall?"
    if family == "first_tone":
        return "Which comes first in the recording, the high tone or the low tone?"
    if family == "beeps_before":
        return "How many beeps come before the long tone?"
    raise ValueError(f"unknown question family {family!r}")


def parse_question(text: str) -> Query | None:
    """The query whose question appears in ``text`` (e.g. a whole prompt), or None."""
    if pitch := _PITCH.search(text):
        sound = pitch.group(1)
        return {"family": _FAMILY_OF_SOUND.get(sound, "pitch"), "args": []}
    if _FIRST.search(text):
        return {"family": "first_tone", "args": []}
    if _BEEPS.search(text):
        return {"family": "beeps_before", "args": []}
    return None


def prior_answer(query: Query) -> str | None:
    """The answer the question's wording implies (a rising siren rises), or None."""
    return PRIORS[query["family"]][1] if query["family"] in PRIORS else None
