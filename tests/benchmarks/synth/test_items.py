from collections import Counter, defaultdict

import pytest

from mb_tasks.benchmarks.synth import (
    FAMILIES,
    PRIOR_FAMILIES,
    SynthAdapter,
    answer,
    load_items,
    parse_question,
    question_text,
)
from mb_tasks.benchmarks.synth.generate import generate_items, main
from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH, prompt_text
from mb_tasks.benchmarks.synth.knowledge import CAPITALS, PRODUCE_COLOURS
from mb_tasks.models.policies import oracle_answer
from mb_tasks.parsing import score_answer
from mb_tasks.parsing.choice import choice_letters

ITEMS = load_items()
#: The shortest prefix the prefix checks start at: one item of every family.
ONE_ROUND = len(FAMILIES)


def _answer_form(item, found):
    """A scene's answer in the item's target form: the option letter, or yes/no."""
    return "ABCD"[item["options"].index(found)] if item["options"] else found


def test_the_committed_items_are_what_the_generator_writes(tmp_path):
    main(["--out", str(tmp_path / "items.jsonl")])
    assert (tmp_path / "items.jsonl").read_bytes() == DEFAULT_ITEMS_PATH.read_bytes()
    assert generate_items(3, seed=1) != generate_items(3, seed=0)


def test_at_least_600_items_in_at_least_six_families_with_unique_ids():
    assert len(ITEMS) >= 600
    assert len({item["id"] for item in ITEMS}) == len(ITEMS)
    per_family = Counter(item["category"] for item in ITEMS)
    assert set(per_family) == set(FAMILIES) and len(FAMILIES) >= 8
    assert min(per_family.values()) >= 75
    assert {"colour", "count", "position", "shape", "text", "size"} <= set(per_family)


def test_every_gold_and_counterfactual_gold_follows_from_its_scene():
    for item in ITEMS:
        assert item["target"] == _answer_form(item, answer(item["query"], item["scene"])), item["id"]
        assert item["cf_target"] == _answer_form(item, answer(item["query"], item["cf_scene"])), item["id"]
        assert item["cf_target"] != item["target"], item["id"]
        assert item["cf_scene"] != item["scene"]


def test_chance_levels_are_exact_and_answer_types_mixed():
    types = Counter(item["answer_type"] for item in ITEMS)
    assert types["mcq"] > 0 and types["yesno"] > 0
    for item in ITEMS:
        expected = 0.5 if item["answer_type"] == "yesno" else 1 / len(item["options"])
        assert item["chance"] == expected
        assert item["answer_type"] == "mcq" or item["options"] == []
    assert {item["chance"] for item in ITEMS} == {0.25, 0.5}


@pytest.mark.parametrize("family", FAMILIES)
def test_gold_answers_are_balanced_so_a_blind_guess_sits_at_chance(family):
    golds = Counter(item["target"] for item in ITEMS if item["category"] == family)
    assert len(set(golds.values())) == 1, golds


def test_prior_families_agree_with_common_knowledge_and_their_counterfactuals_do_not():
    for item in (item for item in ITEMS if item["category"] in PRIOR_FAMILIES):
        subject = item["query"]["args"][0]
        known = PRODUCE_COLOURS.get(subject) or CAPITALS.get(subject, ("",))[0]
        letter_of_known = "ABCD"[item["options"].index(known)]
        assert item["target"] == letter_of_known and item["cf_target"] != letter_of_known


def test_questions_read_back_from_the_whole_prompt():
    for item in ITEMS:
        prompt = 'Hint: the answer is "B".\n' + prompt_text(item["question"], item["options"])
        assert question_text(item["query"]) == item["question"]
        assert parse_question(prompt) == item["query"], item["question"]
    assert parse_question("What is in the image?") is None


def test_prompts_letter_the_options_and_ask_for_the_answer_form():
    assert prompt_text("Q?", ["red", "blue"]) == (
        "Q?\nA. red\nB. blue\nAnswer with the option's letter from the given choices directly."
    )
    assert prompt_text("Q?", []) == "Q?\nAnswer with yes or no."


def _possible_golds(item) -> list[str]:
    return list(choice_letters(len(item["options"]))) if item["options"] else ["yes", "no"]


def test_every_prefix_balances_the_gold_letters_per_family_and_per_answer_format():
    """Under --limit, the first k items: within each family and each answer format (yes/no, two and
    four options) no gold letter is more than one ahead of another."""
    counts: dict[object, Counter] = defaultdict(Counter)
    possible: dict[object, list[str]] = {}
    for k, item in enumerate(ITEMS, start=1):
        for key in (item["category"], (item["answer_type"], len(item["options"]))):
            counts[key][item["target"]] += 1
            possible[key] = _possible_golds(item)
        if k >= ONE_ROUND:
            for key, golds in counts.items():
                spread = [golds[gold] for gold in possible[key]]
                assert max(spread) - min(spread) <= 1, (k, key, golds)


def test_the_blind_oracle_stays_at_chance_on_every_prefix_of_the_families_that_need_the_image():
    """The oracle without an image answers "A" or "yes": over the vision-required items of any prefix
    of at least one item per family, its summed excess over chance is at most 0.75 (the first item's,
    the least possible), so its blind_above_chance is within 0.75 / n of 0 (n >= 6)."""
    needs_image = SynthAdapter.vision_required_categories
    excess, n = 0.0, 0
    for k, item in enumerate(ITEMS, start=1):
        if item["category"] in needs_image:
            answer_blind = oracle_answer(prompt_text(item["question"], item["options"]), [])
            score = score_answer(
                answer_blind, item["answer_type"], item["target"], item["options"] or None
            ).score
            excess, n = excess + score - item["chance"], n + 1
        if k >= ONE_ROUND:
            assert abs(excess) <= 0.75 + 1e-9, (k, excess)
            assert abs(excess / n) <= 0.125 + 1e-9, (k, excess / n)
