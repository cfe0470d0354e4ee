"""Multiple-choice letter extraction that survives real model output."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

_MARKUP = re.compile(r"[*_`#]+")
# The whole answer is a letter: "B", "(B)", "B.", "[B]", "b".
_ONLY_LETTER = re.compile(r"^\s*[(\[]?\s*([A-Za-z])\s*[)\].:]?\s*$")
# The answer starts with a capital letter and a delimiter: "B: the cat", "B. cat", "(B) cat", "B) cat".
_LEADING_LETTER = re.compile(r"^\s*(?:\(([A-Za-z])\)|\[([A-Za-z])\]|([A-Z])\s*[).:\]]|([a-z])\))(?:\s|$)")
# An announced answer: "The answer is B", "Answer: (b)", "correct option is C", "I choose D".
_ANNOUNCED = re.compile(
    r"\b(?:answer|option|choice|choose|chose|select|pick)(?:\s+(?:is|would\s+be|should\s+be|will\s+be))?"
    r"\s*[:\-]?\s*[(\[]?\s*([A-Za-z])\s*[)\]]?(?=[\s.,;:!)]|$)",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(r"\s+(?:or|and)\b")
_CAPITAL_TOKEN = re.compile(r"(?<![\w'’])([A-Z])(?![\w'’])")


def choice_letters(n_options: int) -> str:
    """The option letters for ``n_options`` choices: "ABCD" for four."""
    return string.ascii_uppercase[:n_options]


def _normalize_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _letter_in(candidate: str | None, letters: str) -> str | None:
    if candidate is None:
        return None
    upper = candidate.upper()
    return upper if upper in letters else None


def _is_article(match: re.Match[str], text: str) -> bool:
    """In "The answer is a dog", a lowercase "a" followed by a word is the article, not option A."""
    letter, end = match.group(1), match.end()
    return (
        letter.islower()
        and not match.group(0).rstrip().endswith(")")
        and bool(re.match(r"\s+[a-z]", text[end:]))
    )


def _match_option_text(text: str, options: Sequence[str], letters: str) -> str | None:
    """The letter whose option text the answer gives (alone, or as the only option it mentions)."""
    answer = _normalize_text(text)
    normalized = [_normalize_text(str(option)) for option in options]
    exact = [letters[i] for i, option in enumerate(normalized) if option and option == answer]
    if len(exact) == 1:
        return exact[0]
    mentioned = [
        letters[i]
        for i, option in enumerate(normalized)
        if option and re.search(rf"(?<!\w){re.escape(option)}(?!\w)", answer)
    ]
    # An option whose text contains another's ("red" in "dark red") makes both match: drop the
    # options contained in another mentioned option, and accept a single winner.
    texts = {letter: normalized[letters.index(letter)] for letter in mentioned}
    mentioned = [
        letter
        for letter in mentioned
        if not any(other != letter and texts[letter] in texts[other] for other in mentioned)
    ]
    return mentioned[0] if len(mentioned) == 1 else None


def _lone_capital(text: str, letters: str) -> str | None:
    """A single option letter standing alone in the text ("I think B is right")."""
    found = set()
    for match in _CAPITAL_TOKEN.finditer(text):
        letter = match.group(1)
        following = text[match.end() : match.end() + 2]
        # "A cat ..." / "I think ...": the article and the pronoun, not option letters ("A or B" is).
        if letter in "AI" and re.match(r"\s[a-z]", following) and not _CONJUNCTION.match(text, match.end()):
            continue
        if letter in letters:
            found.add(letter)
    return found.pop() if len(found) == 1 else None


def parse_choice(response: str, options: Sequence[str]) -> str | None:
    """The chosen option letter ("A", "B", ...) or None if the answer names no single option."""
    letters = choice_letters(len(options))
    text = _MARKUP.sub("", response).strip()
    if not text or not letters:
        return None
    for pattern in (_ONLY_LETTER, _LEADING_LETTER):
        match = pattern.match(text)
        if match:
            return _letter_in(next(group for group in match.groups() if group), letters)
    announced = {
        _letter_in(match.group(1), letters)
        for match in _ANNOUNCED.finditer(text)
        if not _is_article(match, text)
    } - {None}
    if len(announced) == 1:
        return announced.pop()
    return _match_option_text(text, options, letters) or _lone_capital(text, letters)
