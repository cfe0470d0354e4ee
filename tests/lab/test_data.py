"""The lab's training stream: never an evaluation scene, the prior share it is asked for, answers that
the suite's parser reads as the gold option, and a vocabulary covering every evaluation prompt."""

from __future__ import annotations

from dataclasses import replace

from tokenizers import pre_tokenizers

from mb_tasks.benchmarks.synth.adapter import scene_key
from mb_tasks.benchmarks.synth.generate import make_item
from mb_tasks.benchmarks.synth.items import load_items, prompt_text
from mb_tasks.benchmarks.synth.questions import answer, parse_question
from mb_tasks.lab.data import (
    ITEM_SEED_OFFSET,
    YES_NO,
    shows_evaluation_scene,
    training_rows,
    vocabulary_texts,
)
from mb_tasks.lab.model import vocabulary
from mb_tasks.lab.specs import DataSpec
from mb_tasks.parsing import parse_choice
from mb_tasks.variants.hints import HINT_TEMPLATES, render_hint

ROWS = 1600


def test_no_row_shows_an_evaluation_scene() -> None:
    evaluation = {scene_key(item[key]) for item in load_items() for key in ("scene", "cf_scene")}
    rows = training_rows(DataSpec(), ROWS)
    shown = {scene_key(row.scene) for row in rows} | {scene_key(row.partner_scene) for row in rows}
    assert not shown & evaluation
    assert len({scene_key(row.scene) for row in rows}) > 0.95 * ROWS


def test_the_filter_catches_evaluation_items() -> None:
    """The generator under the evaluation's own seed gives the evaluation items: all are caught."""
    assert all(shows_evaluation_scene(make_item(item["category"], 0)) for item in load_items()[:8])
    assert not shows_evaluation_scene(make_item("colour", 0, seed=ITEM_SEED_OFFSET))


def test_prior_rows_agree_with_the_prior_in_the_share_asked_for() -> None:
    for share in (0.5, 0.9):
        prior_rows = [
            row for row in training_rows(DataSpec(prior_share=share), ROWS) if row.follows_prior is not None
        ]
        agreeing = sum(row.follows_prior for row in prior_rows) / len(prior_rows)
        assert abs(agreeing - share) < 0.06, (share, agreeing)


def test_rungs_differ_only_in_prior_rows_whose_scene_flips() -> None:
    low, high = (training_rows(DataSpec(prior_share=share), 800) for share in (0.5, 0.99))
    changed = [(a, b) for a, b in zip(low, high, strict=True) if a != b]
    assert changed and all(a.follows_prior is False and b.follows_prior is True for a, b in changed)


def test_every_answer_is_the_scene_s_answer_and_parses_as_that_option() -> None:
    for row in training_rows(DataSpec(), 400):
        assert answer(parse_question(row.text), row.scene) == row.answer
        assert answer(parse_question(row.text), row.partner_scene) != row.answer
        if row.answers != YES_NO:
            assert parse_choice(row.answer, list(row.answers)) == "ABCD"[row.answers.index(row.answer)]


def test_the_vocabulary_covers_every_evaluation_prompt() -> None:
    words = set(vocabulary(vocabulary_texts()))
    splitter = pre_tokenizers.Whitespace()
    for item in load_items():
        prompt = prompt_text(item["question"], item["options"] or None)
        for template in range(len(HINT_TEMPLATES)):
            text = f"{render_hint(template, 'A')}\n{prompt}"
            assert {piece for piece, _ in splitter.pre_tokenize_str(text)} <= words, text


def test_the_stream_depends_on_its_seed() -> None:
    first, second = (training_rows(replace(DataSpec(), seed=seed), 16) for seed in (0, 1))
    assert first == training_rows(DataSpec(), 16)
    assert first != second
