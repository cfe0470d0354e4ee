"""Open-ended scoring checked against lmms-eval's own vqav2 and chartqa scorers."""

import copy

import pytest

from mb_tasks.parsing import score_answer

GOLD_SETS = [
    ["two"] * 6 + ["2"] * 2 + ["3", "several"],
    ["red"] * 2 + ["dark red"] * 3 + ["maroon"] * 5,
    ["yes"] * 10,
    ["the man's hat", "hat", "hat", "a hat", "cap", "cap", "hat", "helmet", "hat", "hats"],
    ["ten", "10", "10", "10", "ten", "many", "eleven", "9", "10", "10"],
]
RESPONSES = [
    "Two",
    "2",
    "two.",
    "There are two.",
    "3",
    "red",
    "Dark red.",
    "MAROON",
    "yes",
    "Yes!",
    "hat",
    "A hat",
    "the hat",
    "cap",
    "helmet",
    "10",
    "ten",
    "Ten.",
    "many",
    "dont know",
    "",
    "x",
]


@pytest.mark.parametrize("golds", GOLD_SETS)
@pytest.mark.parametrize("response", RESPONSES)
def test_vqa_soft_accuracy_matches_lmms_eval(golds: list[str], response: str) -> None:
    from lmms_eval.tasks.vqav2.utils import vqav2_process_results  # imports torch: not at collection

    doc = {"question_id": 1, "answers": [{"answer": g, "answer_id": i} for i, g in enumerate(golds)]}
    expected = vqav2_process_results(copy.deepcopy(doc), [response])["exact_match"]
    scored = score_answer(response, "vqa", golds)
    assert scored.score == pytest.approx(expected)
    assert scored.valid == bool(response.strip())


@pytest.mark.parametrize(
    ("response", "gold"),
    [
        ("12", "12"),
        ("12.5", "12"),
        ("12.7", "12"),
        ("11.5", "12"),
        ("50%", "0.5"),
        ("Paris", "paris"),
        ("Rome", "Paris"),
    ],
)
def test_relaxed_accuracy_matches_lmms_eval(response: str, gold: str) -> None:
    from lmms_eval.tasks.chartqa.utils import chartqa_process_results  # imports torch: not at collection

    expected = chartqa_process_results({"answer": gold, "type": "human_test"}, [response])["relaxed_overall"]
    assert score_answer(response, "relaxed", gold).score == expected


@pytest.mark.parametrize(
    ("response", "gold", "score"),
    [("Two dogs", "2 dogs", 1.0), ("the cat", "cat", 1.0), ("can't", "cant", 1.0), ("blue", "red", 0.0)],
)
def test_open_exact_match_after_vqa_normalization(response: str, gold: str, score: float) -> None:
    assert score_answer(response, "open", gold).score == score
