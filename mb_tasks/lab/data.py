"""The lab's training stream: modbias_synth-style rows whose answer is predictable from the question
alone in a chosen share of the prior-family rows.

Row ``i`` is item ``i // 8`` of family ``FAMILIES[i % 8]``, drafted by the synthetic benchmark's own
generator under the lab's seed, never an evaluation item: an item showing a scene of ``items.jsonl``
(original or counterfactual) is skipped. In the prior families (``prior_colour``, ``prior_capital``)
the row shows the scene that agrees with common knowledge (a yellow banana, the real capital) with
probability ``prior_share``, else the item's counterfactual scene (a blue banana); every other family
shows the item's scene or its counterfactual, half and half. Each row keeps the other scene of its
pair (``partner_scene``, whose answer differs) for the counterfactual-pair loss. A row's draws depend
on the seed and the row index alone (common random numbers), so two rungs that differ only in
``prior_share`` differ only in the prior rows whose scene flips.

The prompt is the evaluation's (question, lettered options, answer instruction); the answer to learn
is the gold option's text (or yes/no), which the suite's parser reads as that option.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from mb_tasks.benchmarks.synth.adapter import scene_key
from mb_tasks.benchmarks.synth.generate import make_item
from mb_tasks.benchmarks.synth.items import load_items, prompt_text
from mb_tasks.benchmarks.synth.knowledge import CAPITALS, COLOURS, PRODUCE_COLOURS, SHAPES, SIGN_WORDS
from mb_tasks.benchmarks.synth.questions import FAMILIES, PRIOR_FAMILIES, RELATIONS, question_text
from mb_tasks.lab.specs import DataSpec
from mb_tasks.parsing.choice import choice_letters
from mb_tasks.variants.hints import HINT_TEMPLATES, render_hint
from mb_tasks.variants.seeds import rng

#: Added to the lab's seed before it reaches the generator, far from the evaluation items' seed 0.
ITEM_SEED_OFFSET = 1_000_003
YES_NO: tuple[str, ...] = ("yes", "no")
#: Share of rows with a hint before the question (the evaluation's templates) asserting an answer drawn
#: uniformly at random: the models see the hint variants' form but learn nothing from it.
HINT_SHARE = 0.2


@dataclass(frozen=True)
class Row:
    """One training example: the shown scene, the user turn's text and the answer to learn."""

    scene: dict[str, Any]
    partner_scene: dict[str, Any]
    text: str
    answer: str
    answers: tuple[str, ...]
    family: str
    follows_prior: bool | None


@cache
def evaluation_scene_keys() -> frozenset[str]:
    """Keys of every scene (original and counterfactual) of the committed modbias_synth items."""
    return frozenset(scene_key(item[key]) for item in load_items() for key in ("scene", "cf_scene"))


def shows_evaluation_scene(item: dict[str, Any]) -> bool:
    """Whether the item's scene or counterfactual scene is one the evaluation shows."""
    keys = evaluation_scene_keys()
    return scene_key(item["scene"]) in keys or scene_key(item["cf_scene"]) in keys


def lab_items(seed: int) -> Iterator[dict[str, Any]]:
    """The lab's items in row order (families interleaved), evaluation scenes skipped."""
    index = 0
    while True:
        for family in FAMILIES:
            item = make_item(family, index, seed=ITEM_SEED_OFFSET + seed)
            if not shows_evaluation_scene(item):
                yield item
        index += 1


def _answer_text(item: dict[str, Any], letter_or_yes_no: str) -> str:
    """The option text behind a gold letter (yes/no stays as it is)."""
    if not item["options"]:
        return letter_or_yes_no
    return item["options"][choice_letters(len(item["options"])).index(letter_or_yes_no)]


def _row(item: dict[str, Any], spec: DataSpec, position: int) -> Row:
    """Row ``position`` of the stream, built from ``item`` with the row's own seeded draw."""
    draw, hinted, template, hinted_answer = rng("modbias_lab", "row", spec.seed, position).random(4)
    prior = item["category"] in PRIOR_FAMILIES
    show_original = bool(draw < (spec.prior_share if prior else 0.5))
    text = prompt_text(item["question"], item["options"] or None)
    if hinted < HINT_SHARE:
        answers = choice_letters(len(item["options"])) if item["options"] else YES_NO
        asserted = answers[int(hinted_answer * len(answers))]
        text = f"{render_hint(int(template * len(HINT_TEMPLATES)), asserted)}\n{text}"
    scene, partner = (item["scene"], item["cf_scene"]) if show_original else (item["cf_scene"], item["scene"])
    gold = _answer_text(item, item["target"] if show_original else item["cf_target"])
    return Row(
        scene=scene,
        partner_scene=partner,
        text=text,
        answer=gold,
        answers=tuple(item["options"]) or YES_NO,
        family=item["category"],
        follows_prior=show_original if prior else None,
    )


def training_rows(spec: DataSpec, count: int) -> list[Row]:
    """The first ``count`` rows of the stream ``spec`` describes."""
    items = lab_items(spec.seed)
    return [_row(next(items), spec, position) for position in range(count)]


def vocabulary_texts() -> list[str]:
    """Texts holding every word a training or evaluation prompt can hold (the tokenizer's vocabulary):
    each family's question and answer instruction, the hint templates and the benchmark's names."""
    questions = [question_text({"family": family, "args": ["x"] * 5}) for family in FAMILIES]
    skeletons = [prompt_text(question, ["x"]) for question in questions] + [prompt_text("x", None)]
    hints = [template.format(answer="x") for template in HINT_TEMPLATES]
    names = [*COLOURS, *SHAPES, *(f"{shape}s" for shape in SHAPES), *SIGN_WORDS, *PRODUCE_COLOURS]
    cities = [name for country, pair in CAPITALS.items() for name in (country, *pair)]
    numbers = [str(number) for number in range(10)]
    return [*skeletons, *hints, *RELATIONS, *names, *cities, *numbers, *choice_letters(26), *YES_NO]
