"""Open-ended answers: the official VQA normalization, VQA soft accuracy, ChartQA relaxed accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from mb_tasks.parsing.lmms_reference import load_lmms_eval_module


@cache
def _vqa_processor():
    module = load_lmms_eval_module("tasks/_task_utils/vqa_eval_metric.py")
    return module.EvalAIAnswerProcessor()


def normalize_open(answer: str) -> str:
    """VQA normalization as lmms-eval's vqav2 scorer applies it (punctuation, number words, articles,
    contractions, lower case)."""
    processor = _vqa_processor()
    text = answer.replace("\n", " ").replace("\t", " ").strip()
    return processor.process_digit_article(processor.process_punctuation(text))


def vqa_soft_accuracy(normalized_answer: str, normalized_golds: Sequence[str]) -> float:
    """mean over golds i of min(1, #{j != i : gold_j == answer} / 3) (VQAv2's leave-one-out accuracy)."""
    if not normalized_golds:
        return 0.0
    total_matches = sum(gold == normalized_answer for gold in normalized_golds)
    per_gold = [min(1.0, (total_matches - (gold == normalized_answer)) / 3.0) for gold in normalized_golds]
    return sum(per_gold) / len(per_gold)


def relaxed_match(answer: str, gold: str) -> bool:
    """ChartQA relaxed accuracy: numbers within 5% of the gold, anything else exact (case-insensitive)."""
    module = load_lmms_eval_module("tasks/chartqa/utils.py")
    return bool(module.relaxed_correctness(answer, gold))
