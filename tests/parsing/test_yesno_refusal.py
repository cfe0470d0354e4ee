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


@pytest.mark.parametrize("response", ["B", "No, there is no dog.", "The sign says Paris.", "I see a cat."])
def test_answers_are_not_refusals(response: str) -> None:
    assert not is_refusal(response)


@pytest.mark.parametrize("response", ["", "   ", "\n\t", None])
def test_empty_answers_are_invalid(response: object) -> None:
    for answer_type in ("mcq", "yesno", "open", "vqa", "relaxed"):
        scored = score_answer(response, answer_type, "A", ["x", "y"])
        assert (scored.valid, scored.invalid_reason, scored.parsed) == (False, "empty", None)


def test_unknown_answer_type_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown answer_type 'essay'"):
        score_answer("x", "essay", "x")
