"""Recognizing answers in which the model declines to answer."""

from __future__ import annotations

import re

from mb_tasks.parsing.text import collapse_whitespace

# Matched against the answer with collapsed whitespace; each \s is one character. (?=[aintsuw]): see
# mb_tasks.parsing.text.
_REFUSAL = re.compile(
    r"""
    (?=[aintsuw])(?:
    \b(?:i|we)(?:\s(?:am|are)|['’](?:m|re))?\s(?:not\sable|unable)\sto\b
  | \b(?:i|we)\s(?:can\s?not|cannot|can['’]t|could\snot|couldn['’]t|do\snot|don['’]t)\s
      (?:see|view|determine|tell|answer|identify|access|provide|make\sout|know|be\ssure|say|help|assist)\b
  | \bunable\sto\s(?:see|view|determine|tell|answer|identify|access)\b
  | \b(?:not|no)\s(?:possible|way)\sto\s(?:determine|tell|know|answer|say)\b
  | \bimpossible\sto\s(?:determine|tell|know|answer|say)\b
  | \b(?:no|without\s(?:an?|the))\simage\s(?:(?:is|was|has\sbeen)\s)?
      (?:provided|attached|shown|given|available|included)\b
  | \bthere\sis\sno\simage\b
  | \bas\san\sai\b
  | ^(?:i['’]m\ssorry|i\sam\ssorry|sorry|i\sapologi[sz]e)\b
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


def is_refusal(response: str) -> bool:
    """True if the answer declines to answer ("I can't see the image", "I cannot determine ...")."""
    return _REFUSAL.search(collapse_whitespace(response)) is not None
