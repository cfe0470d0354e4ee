"""Finding the answers a model rejects: "Not C.", "Option (c) is wrong", "C? No, B.", "not yes"."""

from __future__ import annotations

import re
from functools import lru_cache

# Before the rejected answer: "not C", "isn't C", "can't be C", "never C", "rather than C", "instead of
# C"; "n t" is "n't" after punctuation was blanked out. "whether or not C ..." rejects nothing.
# (?=[cinr]): see mb_tasks.parsing.text.
_NEGATION_BEFORE = (
    r"(?=[cinr])(?:(?<!\bor\s)\bnot|\bcannot|n['’\s]t|\bnever|\brather\sthan|\binstead\sof)"
    r"(?:\s(?:be|been|choose|pick|select))?\s"
)
_AFFIRMED = (
    r"(?:correct|right|true|valid|it|match|fit"
    r"|the\s(?:(?:correct|right|best)\s)?(?:answer|option|choice))\b"
)
_ADVERB = r"(?:\s(?:definitely|clearly|certainly|also|obviously|simply))?"
# After the rejected answer: "C is wrong", "C is definitely not correct", "C isn't the answer", "C can't
# be right", "C cannot be right", "C is not.", "C? No, ...".
_NEGATION_AFTER = (
    rf"(?:\s(?:is|was|seems|looks|would\sbe){_ADVERB}\s(?:wrong|incorrect|false|invalid)\b"
    rf"|\s(?:is|was|ca|can|could|wo|would|should|must|does|do){_ADVERB}(?:\snot|n['’]t)(?:\sbe)?\s{_AFFIRMED}"
    rf"|\scannot\sbe\s{_AFFIRMED}"
    r"|\s(?:is\snot|isn['’]t)(?=[.,;!]|$)"
    r"|\?(?=\s?no(?:[,.;!]|$)))"
)


@lru_cache(maxsize=4096)
def _rejection_patterns(answer: str, negated_answer: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile(answer + _NEGATION_AFTER, re.IGNORECASE),
        re.compile(_NEGATION_BEFORE + negated_answer, re.IGNORECASE),
    )


def rejections(text: str, answer: str, negated_answer: str) -> tuple[str, set[str]]:
    """``text`` with each rejection replaced by ";", and the rejected answers (their ``answer`` group).

    ``answer`` is the pattern of an answer before "is wrong" and ``negated_answer`` after "not"; both
    capture the answer in a group named ``answer``.
    """
    rejected: set[str] = set()

    def blank(match: re.Match[str]) -> str:
        rejected.add(match.group("answer"))
        return ";"

    for pattern in _rejection_patterns(answer, negated_answer):
        text = pattern.sub(blank, text)
    return text, rejected
