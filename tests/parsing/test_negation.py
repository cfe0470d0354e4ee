"""Finding rejected answers in a text, for any answer pattern."""

import pytest

from mb_tasks.parsing.negation import rejections

CAPITAL = r"(?<!\w)(?P<answer>[A-Z])(?!\w)"


@pytest.mark.parametrize(
    ("text", "blanked", "rejected"),
    [
        ("not X, Y is wrong, Z", ";, ;, Z", {"X", "Y"}),
        ("It isn't X; Z", "It is;; Z", {"X"}),
        ("Z rather than X", "Z ;", {"X"}),
        ("X? No, Z", "; No, Z", {"X"}),
        ("X is definitely not the answer. Z is.", ";. Z is.", {"X"}),
        ("Y can't be right, Z", ";, Z", {"Y"}),
        ("X is not. Z", ";. Z", {"X"}),
        ("whether or not X is correct", "whether or not X is correct", set()),
        ("No, Z. Z is right.", "No, Z. Z is right.", set()),
    ],
)
def test_rejections_are_blanked_and_named(text: str, blanked: str, rejected: set[str]) -> None:
    assert rejections(text, CAPITAL, CAPITAL) == (blanked, rejected)


def test_the_two_patterns_apply_to_their_own_side() -> None:
    only_after_not = r"(?P<answer>[xy])\b"
    assert rejections("x is wrong, not y", r"(?P<answer>q)", only_after_not) == ("x is wrong, ;", {"y"})
