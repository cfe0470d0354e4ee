"""score_answer takes time linear in the length of the answer, whatever the answer."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.parsing.timing import ANSWER_TYPES, parse_seconds

SIZE = 100_000
BOUND = 0.2  # seconds for a 100 KB answer; a linear parse takes under 0.1 s here


def _repeated(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# Answers that made the earlier regexes backtrack (cubic after "answer", quadratic after "I"), and
# repetitions of every phrase the parsers look for.
ADVERSARIAL = {
    "spaces after 'The answer is'": "The answer is" + " " * SIZE + ".",
    "newlines after 'The answer is'": "The answer is" + "\n" * SIZE + ".",
    "spaces and tabs after 'I choose'": "I choose" + " \t" * (SIZE // 2) + "!",
    "'I' and spaces": "I" + " " * SIZE + "x",
    "'we' and newlines": "we" + "\n" * SIZE + "unable",
    "repeated 'answer'": _repeated("answer "),
    "repeated 'the answer among the choices'": _repeated("the answer among the choices "),
    "repeated rejections": _repeated("not C, option (c) is not correct? no "),
    "mixed": _repeated("I \n answer: ( \n not\t\tC is \t wrong  \\text{ $B$ yes not yes "),
    "letters": _repeated("A B C D "),
    "a 100 KB word after 'answer'": "answer answer answer answer " + "a" * SIZE,
}


@pytest.mark.parametrize("answer_type", ANSWER_TYPES)
@pytest.mark.parametrize("response", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_a_100_kb_adversarial_answer_parses_quickly(response: str, answer_type: str) -> None:
    assert parse_seconds(response, answer_type, BOUND) < BOUND


COLOURS = [
    "red",
    "blue",
    "green",
    "cyan",
    "pink",
    "gray",
    "black",
    "white",
    "olive",
    "navy",
    "teal",
    "lime",
    "gold",
]


def test_an_answer_naming_and_rejecting_26_options_parses_quickly() -> None:
    options = [f"dark {colour}" for colour in COLOURS] + [f"light {colour}" for colour in COLOURS]
    response = _repeated(" not ".join(options) + " is wrong, ")
    assert parse_seconds(response, "mcq", BOUND, options) < BOUND


_PIECES = [
    " ",
    "  ",
    "\n",
    "\t",
    "I",
    "we",
    "am",
    "not",
    "able",
    "answer",
    "Answer:",
    "is",
    "the",
    "option",
    "(",
    ")",
    "C",
    "c",
    "a",
    "?",
    "no",
    "yes",
    "wrong",
    ",",
    ".",
    "1",
    "\\text{",
    "}",
    "$",
    "*",
]


@settings(max_examples=20, deadline=None)
@given(unit=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), size=st.integers(1_000, 40_000))
def test_parse_time_is_bounded_in_proportion_to_the_answer_length(unit: list[str], size: int) -> None:
    response = _repeated("".join(unit), size)
    bound = 0.05 + 2 * BOUND * size / SIZE  # twice the rate above, and time for a short answer
    for answer_type in ANSWER_TYPES:
        assert parse_seconds(response, answer_type, bound) < bound, answer_type


@pytest.mark.parametrize("answer_type", ["open", "vqa"])
def test_lmms_eval_normalization_of_a_long_comma_run_grows_linearly(answer_type: str) -> None:
    # lmms-eval's VQA normalization searches a digit's comma run once per punctuation mark: 21 linear
    # passes, about 0.2 s for 100 KB. Four times the answer may take 8 times as long (16 if quadratic).
    small = parse_seconds("1" + "," * 25_000, answer_type, 0.0)
    assert parse_seconds("1" + "," * 100_000, answer_type, 8 * small) <= 8 * small
