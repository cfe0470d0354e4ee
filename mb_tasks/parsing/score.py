"""One entry point for parsing and scoring an answer of any answer type.

The tasks call it in ``process_results``; ``modbias report`` calls it for foreign logs that come
without ``parsed``/``score``/``valid``. An empty, refused or unparseable answer is never a plain
miss: it is ``valid = False`` with its reason, and scores 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mb_tasks.parsing.choice import choice_letters, committed_choice, parse_choice
from mb_tasks.parsing.open_answer import normalize_open, relaxed_match, vqa_soft_accuracy
from mb_tasks.parsing.refusal import is_refusal
from mb_tasks.parsing.yesno import committed_yes_no, parse_yes_no
from mb_tasks.records import ANSWER_TYPES, Record

#: Why an answer is invalid.
EMPTY, REFUSED, UNPARSEABLE = "empty", "refused", "unparseable"


@dataclass(frozen=True)
class ScoredAnswer:
    """A parsed and scored answer; ``invalid_reason`` is None exactly when ``valid``."""

    parsed: str | None
    score: float
    valid: bool
    invalid_reason: str | None


def _check_answer_type(answer_type: str) -> None:
    if answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer_type {answer_type!r}; expected one of {', '.join(ANSWER_TYPES)}")


def _committed_answer(text: str, answer_type: str, options: Sequence[str] | None) -> str | None:
    """The letter or yes/no a hedging answer still commits to ("I can't be sure, but the answer is D")."""
    if answer_type == "mcq":
        return committed_choice(text, options or [])
    return committed_yes_no(text) if answer_type == "yesno" else None


def parse_answer(
    response: Any, answer_type: str, options: Sequence[str] | None = None
) -> tuple[str | None, str | None]:
    """(parsed answer, None) or (None, why it is invalid). A refusing answer is "refused" unless it
    commits to an mcq letter or a yes/no all the same ("I cannot see the image, but the answer is D")."""
    _check_answer_type(answer_type)
    text = "" if response is None else str(response)
    if not text.strip():
        return None, EMPTY
    if is_refusal(text):
        committed = _committed_answer(text, answer_type, options)
        return (committed, None) if committed else (None, REFUSED)
    if answer_type == "mcq":
        parsed = parse_choice(text, options or [])
    elif answer_type == "yesno":
        parsed = parse_yes_no(text)
    elif answer_type == "relaxed":
        parsed = text.strip()
    else:
        parsed = normalize_open(text) or None
    return (parsed, None) if parsed else (None, UNPARSEABLE)


@lru_cache(maxsize=65536)
def canonical_answer(value: str, answer_type: str) -> str | None:
    """An answer given as text (a hinted answer, a gold) in the parsed form of ``answer_type``:
    the letter for mcq ("(B)" -> "B"), "yes"/"no", or the normalized open answer."""
    if answer_type == "mcq":
        letter = value.strip().strip("()[]. ").upper()
        return letter if len(letter) == 1 and letter.isalpha() else None
    if answer_type == "yesno":
        return parse_yes_no(value)
    if answer_type == "relaxed":
        return value.strip() or None
    return normalize_open(value) or None


def gold_answers(target: Any, answer_type: str, options: Sequence[str] | None = None) -> list[str]:
    """The gold answers in the parsed form of ``answer_type`` (a letter, "yes"/"no", normalized text)."""
    golds = list(target) if isinstance(target, (list, tuple)) else [target]
    if answer_type == "mcq":
        letters = choice_letters(len(options or []))
        parsed = [
            letters[gold]
            if isinstance(gold, int) and 0 <= gold < len(letters)
            else parse_choice(str(gold), options or [])
            for gold in golds
        ]
    elif answer_type == "yesno":
        parsed = [parse_yes_no(str(gold)) for gold in golds]
    elif answer_type == "relaxed":
        parsed = [str(gold) for gold in golds]
    else:
        parsed = [normalize_open(str(gold)) for gold in golds]
    return [gold for gold in parsed if gold is not None]


def score_parsed(
    parsed: str | None, target: Any, answer_type: str, options: Sequence[str] | None = None
) -> float:
    """The score (0..1) of a parsed answer against ``target``; 0 for a missing answer."""
    if parsed is None:
        return 0.0
    golds = gold_answers(target, answer_type, options)
    if answer_type == "vqa":
        return vqa_soft_accuracy(parsed, golds)
    if answer_type == "relaxed":
        return float(any(relaxed_match(parsed, gold) for gold in golds))
    return float(parsed in golds)


def score_answer(
    response: Any, answer_type: str, target: Any, options: Sequence[str] | None = None
) -> ScoredAnswer:
    """Parse ``response`` and score it against ``target``."""
    parsed, invalid_reason = parse_answer(response, answer_type, options)
    return ScoredAnswer(
        parsed=parsed,
        score=score_parsed(parsed, target, answer_type, options),
        valid=invalid_reason is None,
        invalid_reason=invalid_reason,
    )


def chance_level(answer_type: str, options: Sequence[str] | None = None) -> float:
    """The score of a uniform random guess: 1/#options, 0.5 for yes/no, 0 for open-ended answers."""
    if answer_type == "mcq":
        return 1.0 / len(options) if options else 0.0
    return 0.5 if answer_type == "yesno" else 0.0


def scoring_target(record: Record) -> Any:
    """What a record is scored against: ``cf_target`` for a counterfactual, else ``target``."""
    if record.get("variant") == "counterfactual" and record.get("cf_target") is not None:
        return record["cf_target"]
    return record["target"]


def score_record(record: Record) -> Record:
    """The record with ``parsed``, ``score``, ``valid``, ``invalid_reason`` and ``chance`` filled in
    where missing (a foreign log); a record that has them is returned unchanged."""
    if all(record.get(field) is not None for field in ("score", "valid")) and "parsed" in record:
        return record
    answer_type = record.get("answer_type") or "open"
    options = record.get("options")
    scored = score_answer(record.get("response"), answer_type, scoring_target(record), options)
    filled = dict(record)
    filled.update(
        parsed=scored.parsed, score=scored.score, valid=scored.valid, invalid_reason=scored.invalid_reason
    )
    filled.setdefault("chance", chance_level(answer_type, options))
    return filled
