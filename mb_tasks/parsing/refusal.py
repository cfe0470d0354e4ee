"""Recognizing answers in which the model declines to answer."""

from __future__ import annotations

import re

_REFUSAL = re.compile(
    r"""
    \b(?:i|we)\s*(?:am|'m|are|'re)?\s*(?:not\s+able|unable)\s+to\b
  | \b(?:i|we)\s+(?:can\s*not|cannot|can't|can’t|could\s+not|couldn't|couldn’t|do\s+not|don't|don’t)\s+
      (?:see|view|determine|tell|answer|identify|access|provide|make\s+out|know|be\s+sure|say|help|assist)\b
  | \bunable\s+to\s+(?:see|view|determine|tell|answer|identify|access)\b
  | \b(?:not|no)\s+(?:possible|way)\s+to\s+(?:determine|tell|know|answer|say)\b
  | \bimpossible\s+to\s+(?:determine|tell|know|answer|say)\b
  | \b(?:no|without\s+(?:an?|the))\s+image\s+(?:is\s+|was\s+|has\s+been\s+)?
      (?:provided|attached|shown|given|available|included)\b
  | \bthere\s+is\s+no\s+image\b
  | \bas\s+an\s+ai\b
  | ^\s*(?:i'm\s+sorry|i\s+am\s+sorry|sorry|i\s+apologi[sz]e)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def is_refusal(response: str) -> bool:
    """True if the answer declines to answer ("I can't see the image", "I cannot determine ...")."""
    return _REFUSAL.search(response) is not None
