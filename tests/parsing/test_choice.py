"""Multiple-choice extraction on real-looking model answers."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mb_tasks.parsing import choice_letters, parse_choice, score_answer

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


# A rejected option is never the answer; another option the answer asserts is.
REJECTIONS = [
    ("Not C.", None),
    ("Not C. The hint is wrong.", None),
    ("Option (c) is wrong; B.", "B"),
    ("Option (c) is wrong; it is B.", "B"),
    ("C is incorrect, the answer is B", "B"),
    ("C is wrong; D", "D"),
    ("It isn't C.", None),
    ("Definitely not C. B.", "B"),
    ("B rather than C", "B"),
    ("C is false. Answer: B", "B"),
    ("C is not correct, it's B.", "B"),
    ("C is not the answer; B", "B"),
    ("C can't be right; D", "D"),
    ("C is definitely not correct. B", "B"),
    ("C\nC is wrong: the answer is B.", "B"),
    ("Not A. The correct answer is A.", None),
    ("It's not a dog.", None),
    ("It is the cat, not a dog.", "B"),
    # Not rejections: a "No" preface, a rejection after the chosen letter, "whether or not".
    ("No, B.", "B"),
    ("No. C", "C"),
    ("B, not C", "B"),
    ("The answer is not A but D", "D"),
    ("The correct answer is B, not C.", "B"),
    ("C? No, B.", "B"),
    ("I'm not sure whether or not B is correct; answer: B", "B"),
    ("I am not sure, but B.", "B"),
    ("B. No other option fits.", "B"),
]
# LaTeX around a letter, a letter alone on the first line, announcements with words in between.
OTHER_FORMS = [
    (r"\(\text{B}\)", "B"),
    (r"$\text{B}$", "B"),
    (r"\boxed{\text{B}}", "B"),
    ("$B$", "B"),
    ("B\nThe dog is on the left because the fish is in the water.", "B"),
    ("(B)\nThe animal on the left is a dog.", "B"),
    ("A is correct.", "A"),
    ("The best answer for this picture would be D.", "D"),
    ("The option that fits is C.", "C"),
]


@pytest.mark.parametrize(("response", "expected"), ANSWERS + REJECTIONS + OTHER_FORMS)
def test_parse_choice(response: str, expected: str | None) -> None:
    assert parse_choice(response, OPTIONS) == expected


def test_latex_letter_and_closest_answer_beyond_four_options() -> None:
    ten = [f"option {i}" for i in range(10)]
    assert parse_choice(r"\( \text{J} \)", ten) == "J"
    assert parse_choice("The closest answer among the choices is E.", ten[:5]) == "E"
    assert parse_choice("The closest answer among the choices is E.", ten[:4]) is None


_TOKENS = [
    "A",
    "B",
    "C",
    "E",
    "Z",
    "a",
    "b",
    "(",
    ")",
    "[",
    "]",
    ".",
    ":",
    ",",
    "?",
    " ",
    "\n",
    "**",
    "$",
    "answer",
    "Answer:",
    "is",
    "not",
    "No",
    "option",
    "wrong",
    "I",
    "the cat",
    "fish",
    "\\text{",
    "}",
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_TOKENS) | st.text(max_size=4), max_size=30),
    n_options=st.integers(0, 8),
)
def test_parsed_letter_is_always_an_option_letter(pieces: list[str], n_options: int) -> None:
    options = OPTIONS[:n_options] + [f"thing {i}" for i in range(n_options - len(OPTIONS))]
    letter = parse_choice("".join(pieces), options)
    assert letter is None or letter in choice_letters(n_options)


_REJECTION_TEMPLATES = [
    "Not {x}.",
    "not {x}",
    "{x} is wrong.",
    "{x} is wrong;",
    "Option ({lower}) is wrong;",
    "option {lower} is incorrect,",
    "{x} is incorrect,",
    "{x} is not correct.",
    "{x} is not the answer.",
    "({x}) is false.",
    "It isn't {x}.",
    "it's not {x},",
    "Definitely not {x}.",
    "It can't be {x}.",
    "{x} cannot be right.",
    "I would pick something rather than {x}.",
    "The answer is not {x}.",
    "{x}? No,",
]
_ASSERTIONS = ["", " {y}.", " The answer is {y}.", " Answer: {y}", " the correct option is ({y})."]


@settings(max_examples=400, deadline=None)
@given(
    template=st.sampled_from(_REJECTION_TEMPLATES),
    assertion=st.sampled_from(_ASSERTIONS),
    n_options=st.integers(2, 10),
    data=st.data(),
)
def test_a_rejected_letter_is_never_the_answer(
    template: str, assertion: str, n_options: int, data: st.DataObject
) -> None:
    letters = string.ascii_uppercase[:n_options]
    rejected = data.draw(st.sampled_from(letters))
    asserted = data.draw(st.sampled_from([letter for letter in letters if letter != rejected]))
    response = (template + assertion).format(x=rejected, lower=rejected.lower(), y=asserted)
    parsed = parse_choice(response, [f"thing {i}" for i in range(n_options)])
    assert parsed != rejected
    assert parsed == (asserted if assertion else None)


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
