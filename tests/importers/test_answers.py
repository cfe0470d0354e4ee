"""The record pieces the row-per-answer formats share: options, answer types."""

from __future__ import annotations

from mb_tasks.importers.answers import answer_type_of, check_answer_type, letter_options, listed_options


def test_letter_columns_give_the_options_up_to_the_first_empty_one():
    assert letter_options({"A": "cat", "B": "dog", "C": "", "D": "bird", "index": 1}) == ["cat", "dog"]
    assert letter_options({"question": "q"}) == []


def test_options_in_one_field_may_be_a_list_json_or_bar_separated():
    assert listed_options(["a", 1]) == ["a", "1"]
    assert listed_options('["x", "y"]') == ["x", "y"]
    assert listed_options("x | y") == ["x", "y"]
    assert listed_options("") is None and listed_options("[]") is None and listed_options(None) is None


def test_the_answer_type_follows_the_gold_unless_given():
    assert answer_type_of("B", None, None) == "mcq"
    assert answer_type_of("cat", ["cat", "dog"], None) == "mcq"
    assert answer_type_of("Yes", None, None) == "yesno"
    assert answer_type_of("12", None, None) == "open"
    assert answer_type_of("B", None, "open") == "open"
    assert check_answer_type("vqa") is None and "unknown answer type 'multi'" in check_answer_type("multi")
