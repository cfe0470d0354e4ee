"""Turning raw model answers into normalized answers, scores and validity.

One function per answer type, and :func:`score_answer`, the single entry point the tasks and the
report share.
"""

from mb_tasks.parsing.choice import choice_letters, parse_choice
from mb_tasks.parsing.open_answer import normalize_open, relaxed_match, vqa_soft_accuracy
from mb_tasks.parsing.refusal import is_refusal
from mb_tasks.parsing.score import (
    ScoredAnswer,
    canonical_answer,
    chance_level,
    gold_answers,
    parse_answer,
    score_answer,
    score_parsed,
    score_record,
    scoring_target,
)
from mb_tasks.parsing.yesno import parse_yes_no

__all__ = [
    "ScoredAnswer",
    "canonical_answer",
    "chance_level",
    "choice_letters",
    "gold_answers",
    "is_refusal",
    "normalize_open",
    "parse_answer",
    "parse_choice",
    "parse_yes_no",
    "relaxed_match",
    "score_answer",
    "score_parsed",
    "score_record",
    "scoring_target",
    "vqa_soft_accuracy",
]
