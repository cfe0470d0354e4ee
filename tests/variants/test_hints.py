import pytest
from hypothesis import given
from hypothesis import strategies as st

from mb_tasks.parsing.open_answer import normalize_open
from mb_tasks.variants.hints import (
    HINT_TEMPLATES,
    find_hinted_answer,
    pick_template,
    render_hint,
    wrong_answer,
)


def test_there_are_at_least_three_distinct_templates_and_all_are_picked():
    assert len(set(HINT_TEMPLATES)) >= 3
    picked = {pick_template("bench", item, 0) for item in range(200)}
    assert picked == set(range(len(HINT_TEMPLATES)))
    assert pick_template("b", 1) == pick_template("b", 1)


@given(
    template=st.integers(0, len(HINT_TEMPLATES) - 1),
    answer=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1, max_size=30
    ),
)
def test_every_template_reads_back_its_answer_before_a_question(template, answer):
    prompt = render_hint(template, answer) + "\nWhat colour is the circle?\nA. red\nB. blue"
    assert find_hinted_answer(prompt) == answer


def test_a_prompt_without_a_hint_has_no_hinted_answer():
    assert find_hinted_answer('What does the sign say? "the answer is" is not a hint.') is None
    with pytest.raises(ValueError, match="unknown hint template"):
        render_hint(len(HINT_TEMPLATES), "x")


def test_mcq_wrong_answer_is_a_seeded_wrong_letter():
    options = ["red", "green", "blue", "yellow"]
    picks = {wrong_answer("mcq", "C", options, [], "b", item) for item in range(100)}
    assert picks == {"A", "B", "D"}
    assert wrong_answer("mcq", 2, options, [], "b", 5) == wrong_answer("mcq", "C", options, [], "b", 5)
    assert wrong_answer("mcq", "blue", options, [], "b", 5) != "C"
    with pytest.raises(ValueError, match="no wrong option"):
        wrong_answer("mcq", "A", ["only"], [], "b", 1)


def test_yesno_wrong_answer_is_the_opposite():
    assert wrong_answer("yesno", "Yes", None, [], 1) == "no"
    assert wrong_answer("yesno", "no", None, [], 1) == "yes"


def test_open_wrong_answer_is_another_gold_of_the_same_kind_that_matches_no_gold():
    others = [["2", "two", "2"], "red", "Three", ["blue", "blue", "red"], "yes", "4"]
    for item in range(50):
        number = wrong_answer("vqa", ["2", "2", "two"], None, others, "b", item)
        assert number in {"3", "4"}
        colour = wrong_answer("open", "Red", None, others, "b", item)
        assert colour == "blue"
    assert wrong_answer("open", "yes", None, others, "b", 0) not in {"yes"}


def test_open_wrong_answer_falls_back_to_another_kind_and_fails_clearly_when_none_is_left():
    assert wrong_answer("open", "7", None, ["cat", "7"], "b", 0) == normalize_open("cat")
    with pytest.raises(ValueError, match="none of the 2 other golds differs"):
        wrong_answer("open", "cat", None, ["Cat", "the cat"], "b", 0)
