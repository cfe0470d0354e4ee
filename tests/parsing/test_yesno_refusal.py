"""Yes/no extraction and refusal detection."""

import pytest

from mb_tasks.parsing import is_refusal, parse_yes_no, score_answer

YES_NO = [
    ("Yes", "yes"),
    ("yes.", "yes"),
    ("YES", "yes"),
    ("Yes, there is a dog in the image.", "yes"),
    ("No", "no"),
    ("no.", "no"),
    ("No, there is no dog.", "no"),
    ("**No**", "no"),
    ("The answer is yes.", "yes"),
    ("I believe the answer is no", "no"),
    ("True", "yes"),
    ("false", "no"),
    ("There is a dog.", None),
    ("Yes and no.", "yes"),
    ("Maybe yes, maybe no", None),
    ("", None),
    # A rejected yes/no asserts nothing; another yes/no after it does.
    ("Not yes.", None),
    ("The answer is not yes", None),
    ("That is not correct.", None),
    ("It isn't true.", None),
    ("not yes, no", "no"),
    ("Yes is wrong; no.", "no"),
    ("No, not correct.", "no"),
    ("Yes, not false.", "yes"),
    ("Not sure, but yes", "yes"),
]


@pytest.mark.parametrize(("response", "expected"), YES_NO)
def test_parse_yes_no(response: str, expected: str | None) -> None:
    assert parse_yes_no(response) == expected


REFUSALS = [
    "I can't see the image.",
    "I cannot determine the answer from the given information.",
    "I'm unable to view images.",
    "I am not able to answer without the picture.",
    "Sorry, I can't help with that.",
    "As an AI, I cannot see images.",
    "No image is provided, so I cannot answer.",
    "There is no image attached.",
    "It is impossible to tell without seeing it.",
    "It's not possible to determine the color.",
    "I do not see any image.",
    "I couldn't make out the text.",
]


@pytest.mark.parametrize("response", REFUSALS)
def test_refusals_are_invalid(response: str) -> None:
    assert is_refusal(response)
    for answer_type, target, options in (
        ("mcq", "A", ["x", "y"]),
        ("yesno", "no", None),
        ("open", "red", None),
    ):
        scored = score_answer(response, answer_type, target, options)
        assert (scored.valid, scored.invalid_reason, scored.score) == (False, "refused", 0.0)


@pytest.mark.parametrize(
    "response",
    ["B", "No, there is no dog.", "The sign says Paris.", "I see a cat.", "I can't be certain, but B."],
)
def test_answers_are_not_refusals(response: str) -> None:
    assert not is_refusal(response)


# A hedging or refusing answer that still commits to an answer is that answer.
COMMITTED = [
    ("I cannot determine this from the image, but Answer: D", "mcq", "D"),
    ("I can't see the image clearly. The answer is (D).", "mcq", "D"),
    ("I'm sorry, I can't see the image. The closest answer among the choices is E.", "mcq", "E"),
    ("I can't see the image; my best guess is B.", "mcq", "B"),
    ("I can't be sure, but the answer is yes.", "yesno", "yes"),
    ("I cannot see the image. Answer: no", "yesno", "no"),
]
# ... but not a refusal that only names answers it does not commit to.
UNCOMMITTED = [
    ("I cannot tell whether the answer is B or C.", "mcq"),
    ("I can't see the image, so I cannot tell whether option B is right.", "mcq"),
    ("I cannot see the image. The answer is not C.", "mcq"),
    ("Sorry, I cannot see it. Answer: yes or no", "yesno"),
    ("I can't see the image, but the answer is red.", "open"),
]
FIVE_OPTIONS = ["a dog", "the cat", "a red bird", "fish", "a cow"]


@pytest.mark.parametrize(("response", "answer_type", "expected"), COMMITTED)
def test_a_refusal_with_a_committed_answer_is_that_answer(
    response: str, answer_type: str, expected: str
) -> None:
    assert is_refusal(response)
    scored = score_answer(response, answer_type, expected, FIVE_OPTIONS)
    assert (scored.parsed, scored.valid, scored.score) == (expected, True, 1.0)


@pytest.mark.parametrize(("response", "answer_type"), UNCOMMITTED)
def test_a_refusal_without_a_committed_answer_stays_refused(response: str, answer_type: str) -> None:
    scored = score_answer(response, answer_type, "B", FIVE_OPTIONS)
    assert (scored.parsed, scored.valid, scored.invalid_reason) == (None, False, "refused")


@pytest.mark.parametrize("response", ["", "   ", "\n\t", None])
def test_empty_answers_are_invalid(response: object) -> None:
    for answer_type in ("mcq", "yesno", "open", "vqa", "relaxed"):
        scored = score_answer(response, answer_type, "A", ["x", "y"])
        assert (scored.valid, scored.invalid_reason, scored.parsed) == (False, "empty", None)


def test_unknown_answer_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown answer_type 'essay'"):
        score_answer("x", "essay", "x")
