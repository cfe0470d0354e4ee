"""Whitespace clean-up and the one-distinct-value helper."""

import re

import pytest

from mb_tasks.parsing.text import COMMITMENT, collapse_whitespace, only_one


@pytest.mark.parametrize(
    ("text", "collapsed"),
    [
        ("  B  ", "B"),
        ("The answer is \t\t  B", "The answer is B"),
        ("B \r\n\n  because", "B\nbecause"),
        ("a\tb\nc", "a\tb\nc"),
        ("\u00a0\u2003x\u3000 y", "x y"),
        ("", ""),
    ],
)
def test_collapse_whitespace(text: str, collapsed: str) -> None:
    assert collapse_whitespace(text) == collapsed


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([None, None], None), (["B", None, "B"], "B"), (["B", "C"], None), ([None, "C"], "C")],
)
def test_only_one(values: list[str | None], expected: str | None) -> None:
    assert only_one(values) == expected


def test_only_one_stops_at_the_second_distinct_value() -> None:
    seen = []

    def values():
        for value in "BBCD":
            seen.append(value)
            yield value

    assert only_one(values()) is None
    assert seen == ["B", "B", "C"]


@pytest.mark.parametrize(
    ("text", "commits"),
    [
        ("the answer is", True),
        ("answer: ", True),
        ("the closest answer among the choices is", True),
        ("my best guess would be", True),
        ("the correct option is most likely", True),
        ("the answer to a very long question about this is", False),
        ("I choose", False),
    ],
)
def test_committing_phrases(text: str, commits: bool) -> None:
    assert (re.fullmatch(r".*?" + COMMITMENT + r"\s?", text, re.IGNORECASE) is not None) == commits
