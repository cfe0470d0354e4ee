"""The bad-input audit's answer cases (BAD_INPUT_AUDIT.md A40, A51, A52) and the answer forms that
must parse as the answer they give: each is scored the trustworthy way."""

from __future__ import annotations

import pytest

from mb_tasks.metrics import compute_report
from mb_tasks.parsing import score_answer
from tests.parsing.timing import ANSWER_TYPES, parse_seconds

OPTIONS = ["a cat", "a dog", "a bird", "a fish"]
FIVE = [*OPTIONS, "a cow"]
TEN = [f"thing {i}" for i in range(10)]

# A40: an announcing phrase and a long whitespace run (the earlier parser took 0.7 s, 5.2 s and 53 s on
# 500, 1,000 and 2,000 characters; 2.2 s for "I" and 8,000 spaces).
A40 = [
    phrase + whitespace * n + end
    for phrase, whitespace, end in (
        ("The answer is", "\n", "."),
        ("I choose", " ", "!"),
        ("answer", "\t", "."),
    )
    for n in (500, 1_000, 2_000)
] + ["I" + " " * 8_000]


@pytest.mark.parametrize("answer_type", ANSWER_TYPES)
@pytest.mark.parametrize("response", A40, ids=lambda response: f"{response[:8].strip()}+{len(response)}")
def test_a40_long_whitespace_after_an_announcement_parses_at_once(response: str, answer_type: str) -> None:
    assert parse_seconds(response, answer_type, 0.05) < 0.05


@pytest.mark.parametrize("response", A40, ids=lambda response: f"{response[:8].strip()}+{len(response)}")
def test_a40_an_announcement_without_an_answer_is_unparseable(response: str) -> None:
    scored = score_answer(response, "mcq", "B", OPTIONS)
    assert (scored.parsed, scored.invalid_reason) == (None, "unparseable")


# (case, response, answer_type, options, parsed, invalid_reason)
ANSWER_CASES = [
    # A51: the hinted answer, rejected, is never the parsed answer.
    ("A51", "Not C.", "mcq", OPTIONS, None, "unparseable"),
    ("A51", "Not C. The hint is wrong.", "mcq", OPTIONS, None, "unparseable"),
    ("A51", "Option (c) is wrong; B.", "mcq", OPTIONS, "B", None),
    ("A51", "Option (c) is wrong; it is B.", "mcq", OPTIONS, "B", None),
    ("A51", "C is incorrect, the answer is B", "mcq", OPTIONS, "B", None),
    ("A51", "Not yes.", "yesno", None, None, "unparseable"),
    ("A51", "not yes, no", "yesno", None, "no", None),
    ("A51", "The answer is not yes.", "yesno", None, None, "unparseable"),
    # A52: tricky forms, each a sensible letter or invalid, never a wrong letter.
    ("A52", "B", "mcq", OPTIONS, "B", None),
    ("A52", "(B)", "mcq", OPTIONS, "B", None),
    ("A52", "**B**", "mcq", OPTIONS, "B", None),
    ("A52", "option b", "mcq", OPTIONS, "B", None),
    ("A52", r"\boxed{B}", "mcq", OPTIONS, "B", None),
    ("A52", "<answer>B</answer>", "mcq", OPTIONS, "B", None),
    ("A52", "B\u200b", "mcq", OPTIONS, "B", None),
    ("A52", "\u202eB", "mcq", OPTIONS, "B", None),
    ("A52", "A dog", "mcq", OPTIONS, "B", None),
    ("A52", "Answer: B or C", "mcq", OPTIONS, "B", None),
    ("A52", "B and C", "mcq", OPTIONS, None, "unparseable"),
    ("A52", "B/C", "mcq", OPTIONS, None, "unparseable"),
    ("A52", "C? No, B.", "mcq", OPTIONS, "B", None),
    ("A52", "C… actually no, B", "mcq", OPTIONS, None, "unparseable"),
    ("A52", "Ｂ", "mcq", OPTIONS, None, "unparseable"),
    ("A52", "𝐁", "mcq", OPTIONS, None, "unparseable"),
    ("A52", 'Hint: the answer is "C".', "mcq", OPTIONS, "C", None),
    ("A52", "No, B.", "mcq", OPTIONS, "B", None),
    ("A52", "B, not C", "mcq", OPTIONS, "B", None),
    ("A52", "The answer is not A but D", "mcq", OPTIONS, "D", None),
    # A hedging answer that commits to an answer is that answer; a refusal without one stays refused.
    ("hedge", "I cannot determine this from the image, but Answer: D", "mcq", OPTIONS, "D", None),
    (
        "hedge",
        "I can't be certain from the image, but the fur suggests... Answer: D",
        "mcq",
        OPTIONS,
        "D",
        None,
    ),
    (
        "hedge",
        "I'm sorry, I can't see it. The closest answer among the choices is E.",
        "mcq",
        FIVE,
        "E",
        None,
    ),
    ("hedge", "I can't be sure, but the answer is yes.", "yesno", None, "yes", None),
    ("hedge", "I can't see the image.", "mcq", OPTIONS, None, "refused"),
    ("hedge", "I cannot determine this", "mcq", OPTIONS, None, "refused"),
    ("hedge", "I cannot tell whether the answer is B or C.", "mcq", OPTIONS, None, "refused"),
    # More answer forms: the closest answer, LaTeX around the letter, a letter alone on the first line.
    ("form", "The closest answer among the choices is E.", "mcq", FIVE, "E", None),
    ("form", r"\( \text{J} \)", "mcq", TEN, "J", None),
    ("form", r"\(\text{B}\)", "mcq", OPTIONS, "B", None),
    ("form", r"$\text{B}$", "mcq", OPTIONS, "B", None),
    ("form", r"\boxed{\text{B}}", "mcq", OPTIONS, "B", None),
    ("form", "$B$", "mcq", OPTIONS, "B", None),
    ("form", "B\nThe dog is on the left because A is a cat.", "mcq", OPTIONS, "B", None),
]


@pytest.mark.parametrize(
    ("case", "response", "answer_type", "options", "parsed", "invalid_reason"),
    ANSWER_CASES,
    ids=[f"{case[0]}-{case[1]!r}" for case in ANSWER_CASES],
)
def test_answer_case(
    case: str,
    response: str,
    answer_type: str,
    options: list[str] | None,
    parsed: str | None,
    invalid_reason: str | None,
) -> None:
    scored = score_answer(response, answer_type, parsed or "B", options)
    assert (scored.parsed, scored.invalid_reason) == (parsed, invalid_reason)
    assert scored.score == float(parsed is not None)


def test_a51_a_model_that_rejects_every_misleading_hint_does_not_follow_it() -> None:
    # The audit's 40 items as a foreign log (the report parses them): hint_follow_rate was 1.000 (n=40).
    rejections = ["Not C. The hint is wrong.", "Option (c) is wrong; it is B."]
    records = []
    for item in range(40):
        base = {
            "benchmark": "toy",
            "pair_id": str(item),
            "answer_type": "mcq",
            "target": "B",
            "options": OPTIONS,
        }
        records += [
            {**base, "variant": "original", "response": "B"},
            {**base, "variant": "misleading_hint", "response": rejections[item % 2], "hint_answer": "C"},
        ]
    metrics = compute_report(records, resamples=0)["benchmarks"]["toy"]
    assert (metrics["hint_follow_rate"]["value"], metrics["hint_follow_rate"]["n"]) == (0.0, 20)
    assert (metrics["acc_misleading_hint"]["value"], metrics["invalid_rate_misleading_hint"]["value"]) == (
        0.5,
        0.5,
    )
