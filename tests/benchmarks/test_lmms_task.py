"""Options and golds read from base documents (shared by the adapters of real lmms-eval tasks)."""

import pytest

from mb_tasks.benchmarks.base import ItemError
from mb_tasks.benchmarks.lmms_task import gold_letter, inline_options


def test_inline_options_are_read_in_letter_order():
    question = "What is it?\nOptions: A: a cat, B: a dog, C: a red car, D: birds"
    assert inline_options(question, "q1") == ("a cat", "a dog", "a red car", "birds")
    assert inline_options("Q?\nOptions: A: yes it is, B: no it is not", "q2") == ("yes it is", "no it is not")


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("Q with no options?", "no options in the question"),
        ("Q?\nOptions:", "no options in the question"),
        ("Q?\nOptions: A: , B: ", "no options in the question"),
        ("Q?\nOptions: A: cat, C: car", "option B has no text in the question"),
        ("Q?\nOptions: A: cat", "1 option"),
    ],
)
def test_a_question_without_usable_options_names_the_item(question, problem):
    with pytest.raises(ItemError, match=rf"^item q-9: {problem}"):
        inline_options(question, "q-9")


def test_the_gold_letter_must_name_an_option_with_a_text():
    assert gold_letter("(b)", ("x", "y"), "q") == "B"
    assert gold_letter("D", ("x", "y", "", "z"), "q") == "D"
    with pytest.raises(ItemError, match=r"^item q: answer 'C' is not one of the 2 option letters \(A, B\)"):
        gold_letter("C", ("yes it is", "no it is not"), "q")
    with pytest.raises(ItemError, match=r"answer 'C' is not one of the 3 option letters \(A, B, D\)"):
        gold_letter("C", ("x", "y", " ", "z"), "q")
    with pytest.raises(ItemError, match="answer '' is not one of the 4 option letters"):
        gold_letter("", ("w", "x", "y", "z"), "q")
