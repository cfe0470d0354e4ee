"""Multiple-choice extraction on real-looking model answers."""

import pytest

from mb_tasks.parsing import parse_choice, score_answer

OPTIONS = ["a dog", "the cat", "a red bird", "fish"]

# (raw answer, expected letter or None)
ANSWERS = [
    ("B", "B"),
    ("(B)", "B"),
    ("B.", "B"),
    ("B)", "B"),
    ("[B]", "B"),
    ("b", "B"),
    ("(b)", "B"),
    ("b)", "B"),
    ("B: the cat", "B"),
    ("B. the cat", "B"),
    ("(B) the cat", "B"),
    ("B) the cat", "B"),
    ("The answer is B.", "B"),
    ("The answer is (B).", "B"),
    ("Answer: B", "B"),
    ("Answer: (b)", "B"),
    ("answer: c", "C"),
    ("The correct answer is C: a red bird.", "C"),
    ("The correct option is D.", "D"),
    ("I choose A.", "A"),
    ("I would pick C", "C"),
    ("**B**", "B"),
    ("**B. the cat**", "B"),
    ("`C`", "C"),
    ("the cat", "B"),
    ("The cat.", "B"),
    ("THE CAT", "B"),
    ("It is a red bird.", "C"),
    ("fish", "D"),
    ("A dog", "A"),
    ("I think B is right.", "B"),
    ("Looking at the picture, D is the best match.", "D"),
    ("Option C", "C"),
    ("option c", "C"),
    ("Choice: A", "A"),
    ("B\n", "B"),
    ("  C  ", "C"),
    ("D. fish\nBecause the animal swims.", "D"),
    ("The answer is D, fish.", "D"),
    ("", None),
    ("   ", None),
    ("E", None),
    ("(E) something else", None),
    ("A or B", None),
    ("I am not sure.", None),
    ("Either the cat or the fish.", None),
    ("A cat sits on a mat.", None),
    ("banana", None),
]


@pytest.mark.parametrize(("response", "expected"), ANSWERS)
def test_parse_choice(response: str, expected: str | None) -> None:
    assert parse_choice(response, OPTIONS) == expected


def test_letter_beyond_the_options_is_unparseable() -> None:
    scored = score_answer("C", "mcq", "A", ["yes", "no"])
    assert (scored.parsed, scored.valid, scored.invalid_reason, scored.score) == (
        None,
        False,
        "unparseable",
        0.0,
    )


def test_longest_option_text_wins_when_one_contains_another() -> None:
    assert parse_choice("dark red", ["red", "dark red", "blue"]) == "B"


@pytest.mark.parametrize("target", ["B", "(B)", 1, "the cat"])
def test_gold_given_as_letter_index_or_text(target: object) -> None:
    assert score_answer("B", "mcq", target, OPTIONS).score == 1.0
