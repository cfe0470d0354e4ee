"""Multiple-choice letter extraction that survives real model output."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from mb_tasks.parsing.negation import rejections
from mb_tasks.parsing.text import ANNOUNCEMENT, COMMITMENT, collapse_whitespace, only_one

# Emphasis markup and LaTeX around a letter: "**B**", "`C`", "\( \text{J} \)", "$B$", "\boxed{\text{B}}".
_MARKUP = re.compile(
    r"[*_`#$]+|\\(?:boxed|fbox|text(?:bf|it|rm|tt)?|math(?:bf|it|rm|sf|tt)?)(?=\{)|\\[()\[\]]|[{}]"
)
# A first line that is only a letter: "B", "(B)", "B.", "[B]", "b" (alone, or before an explanation).
_ONLY_LETTER = re.compile(r"[(\[]?\s?([A-Za-z])\s?[)\].:]?")
# The answer starts with a letter and a delimiter: "B: the cat", "B. cat", "(B) cat", "B) cat".
_LEADING_LETTER = re.compile(r"(?:\(([A-Za-z])\)|\[([A-Za-z])\]|([A-Z])\s?[).:\]]|([a-z])\))(?:\s|$)")
# The letter after an announcing phrase: "The answer is B", "Answer: (b)", "I choose D".
_ANNOUNCED_LETTER = r"\s?[:\-]?\s?[(\[]?\s?([A-Za-z])\s?[)\]]?(?=[\s.,;:!)]|$)"
_ANNOUNCED = re.compile(ANNOUNCEMENT + _ANNOUNCED_LETTER, re.IGNORECASE)
# A committed letter, which counts even in a hedging answer: "..., but the answer is D" (not "B or C").
_COMMITTED = re.compile(COMMITMENT + _ANNOUNCED_LETTER + r"(?!\s?(?:(?:or|and)\b|/))", re.IGNORECASE)
# A letter named as an answer ("C", "(c)", "option C") before "is wrong", and after "not", where a
# lowercase "a"/"i" or "I" before a word is the article or the pronoun ("not a dog").
_LETTER_NAME = r"(?:(?:option|choice|answer|letter)\s)?[(\[]?"
_LETTER_ITSELF = r"(?P<answer>[A-Za-z])[)\]]?(?![\w'’])"
_LETTER = r"(?<![\w'’])" + _LETTER_NAME + _LETTER_ITSELF
_NEGATED_LETTER = _LETTER_NAME + r"(?!(?-i:[ai]|I)\s(?-i:[a-z]))" + _LETTER_ITSELF
# A lowercase word next: after "is", a lowercase letter is then the article ("The answer is a dog").
_WORD_AFTER = re.compile(r"\s[a-z]")
# ... and a lone "A" the article, "I" the pronoun ("A cat sits", "I think"; not "A is", "A or B").
_ARTICLE_OR_PRONOUN_WORD = re.compile(r"\s(?!(?:or|and|is|was)\b)[a-z]")
_CAPITAL_TOKEN = re.compile(r"(?<![\w'’])([A-Z])(?![\w'’])")
_NOT_WORD = re.compile(r"[^\w\s]")


def choice_letters(n_options: int) -> str:
    """The option letters for ``n_options`` choices: "ABCD" for four."""
    return string.ascii_uppercase[:n_options]


def _normalize_text(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def _letter_in(candidate: str | None, letters: str) -> str | None:
    if candidate is None:
        return None
    upper = candidate.upper()
    return upper if upper in letters else None


def _prepared(response: str, options: Sequence[str]) -> tuple[str, set[str], str]:
    """The answer without markup, with collapsed whitespace and each rejection ("Not C", "option (c) is
    wrong") blanked out; the letters it rejects; and the option letters it does not reject."""
    text, rejected = rejections(collapse_whitespace(_MARKUP.sub("", response)), _LETTER, _NEGATED_LETTER)
    rejected = {letter.upper() for letter in rejected}
    allowed = "".join(letter for letter in choice_letters(len(options)) if letter not in rejected)
    return text, rejected, allowed


def _opening_letter(text: str) -> str | None:
    """The letter the answer opens with: a first line that is only a letter, or a letter and a delimiter."""
    match = _ONLY_LETTER.fullmatch(text.partition("\n")[0]) or _LEADING_LETTER.match(text)
    return next(group for group in match.groups() if group).upper() if match else None


def _is_article(match: re.Match[str], text: str) -> bool:
    """In "The answer is a dog", a lowercase "a" followed by a word is the article, not option A."""
    return (
        match.group(1).islower()
        and not match.group(0).rstrip().endswith(")")
        and _WORD_AFTER.match(text, match.end()) is not None
    )


def _announced(pattern: re.Pattern[str], text: str, letters: str) -> str | None:
    """The one option letter ``pattern`` finds announced in ``text``, or None (none or several)."""
    return only_one(
        _letter_in(match.group(1), letters)
        for match in pattern.finditer(text)
        if not _is_article(match, text)
    )


def _option_texts(options: Sequence[str], letters: str) -> dict[str, str]:
    """The normalized text of each option whose letter is in ``letters`` (empty texts left out)."""
    # Options after the 26th have no letter.
    texts = zip(
        choice_letters(len(options)), (_normalize_text(str(option)) for option in options), strict=False
    )
    return {letter: text for letter, text in texts if text and letter in letters}


def _mention(option: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(option)}(?!\w)")


def _asserted(answer: str, texts: dict[str, str]) -> dict[str, str]:
    """The options (letter: text) the normalized answer gives other than in a rejection ("not a dog")."""
    mentioned = {letter: option for letter, option in texts.items() if _mention(option).search(answer)}
    if not mentioned:
        return {}
    # Longest first, so that "not dark red" rejects "dark red", not "dark" or "red".
    names = "|".join(re.escape(option) for option in sorted(set(mentioned.values()), key=len, reverse=True))
    option = rf"(?<!\w)(?P<answer>(?:(?:a|an|the)\s)?(?:{names}))(?!\w)"
    unrejected = rejections(answer, option, option)[0]
    return {letter: option for letter, option in mentioned.items() if _mention(option).search(unrejected)}


def _match_option_text(text: str, options: Sequence[str], letters: str) -> str | None:
    """The letter whose option text the answer gives (alone, or as the only option it mentions)."""
    answer = _normalize_text(text)
    texts = _option_texts(options, letters)
    exact = [letter for letter, option in texts.items() if option == answer]
    if len(exact) == 1:
        return exact[0]
    mentioned = _asserted(answer, texts)
    # An option whose text contains another's ("red" in "dark red") makes both match: drop the
    # options contained in another mentioned option, and accept a single winner.
    winners = [
        letter
        for letter, option in mentioned.items()
        if not any(other != letter and option in mentioned[other] for other in mentioned)
    ]
    return winners[0] if len(winners) == 1 else None


def _lone_capital(text: str, letters: str) -> str | None:
    """A single option letter standing alone in the text ("I think B is right")."""
    return only_one(
        match.group(1)
        for match in _CAPITAL_TOKEN.finditer(text)
        if match.group(1) in letters
        and not (match.group(1) in "AI" and _ARTICLE_OR_PRONOUN_WORD.match(text, match.end()) is not None)
    )


def parse_choice(response: str, options: Sequence[str]) -> str | None:
    """The chosen option letter ("A", "B", ...) or None if the answer names no single option it does
    not also reject ("Not C." names none; "C is wrong; B." names B)."""
    text, rejected, allowed = _prepared(response, options)
    if not text or not options:
        return None
    opening = _opening_letter(text)
    if opening is not None and opening not in rejected:
        return _letter_in(opening, choice_letters(len(options)))
    return (
        _announced(_ANNOUNCED, text, allowed)
        or _match_option_text(text, options, allowed)
        or _lone_capital(text, allowed)
    )


def committed_choice(response: str, options: Sequence[str]) -> str | None:
    """The one option letter the answer commits to ("the answer is D", "Answer: D"), else None."""
    text, _, allowed = _prepared(response, options)
    return _announced(_COMMITTED, text, allowed)
