"""Timing answer parsing for the linear-time tests."""

import time

from mb_tasks.parsing import score_answer

ANSWER_TYPES = ("mcq", "yesno", "open", "vqa", "relaxed")
OPTIONS = ["a dog", "the cat", "a red bird", "fish"]
_TARGETS = {"mcq": "B", "yesno": "yes", "open": "cat", "vqa": ["cat"] * 10, "relaxed": "12"}


def parse_seconds(
    response: str, answer_type: str, bound: float, options: list[str] = OPTIONS, attempts: int = 3
) -> float:
    """The fastest of up to ``attempts`` timings of score_answer on ``response`` (stopping at the first
    within ``bound``), so that a busy machine does not fail a time bound."""
    fastest = float("inf")
    for _ in range(attempts):
        start = time.perf_counter()
        score_answer(response, answer_type, _TARGETS[answer_type], options)
        fastest = min(fastest, time.perf_counter() - start)
        if fastest <= bound:
            break
    return fastest
