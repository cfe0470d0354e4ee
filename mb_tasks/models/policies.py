"""What each reference model answers, as pure functions of the prompt text and the images it got.

The prompt is all a model sees: the question and the lettered options are read back from it, the
scene from the image (by content hash), and a hint from any rendered hint template.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PIL import Image

from mb_tasks.benchmarks.synth.knowledge import CAPITALS, PRODUCE_COLOURS
from mb_tasks.benchmarks.synth.lookup import scene_for_image
from mb_tasks.benchmarks.synth.questions import answer, parse_question
from mb_tasks.variants.hints import find_hinted_answer
from mb_tasks.variants.images import to_rgb

#: The answer given when a model has nothing to go on: the first option, or "yes".
FIXED_MCQ_ANSWER, FIXED_YESNO_ANSWER = "A", "yes"

_OPTION_LINE = re.compile(r"^([A-Z])\. (.+)$", re.MULTILINE)


def prompt_options(prompt: str) -> dict[str, str]:
    """Option text -> letter, from the prompt's "A. red" lines (empty for a yes/no question)."""
    return {text.strip(): letter for letter, text in _OPTION_LINE.findall(prompt)}


def _as_answer(found: str | None, options: dict[str, str]) -> str:
    """``found`` as the model's answer (its option letter, or yes/no); the fixed answer when the
    question has no such option or nothing was found."""
    if options:
        return options.get(found or "", FIXED_MCQ_ANSWER)
    return found if found in ("yes", "no") else FIXED_YESNO_ANSWER


def oracle_answer(prompt: str, images: Sequence[Image.Image]) -> str:
    """The answer the first image's scene gives the prompt's question (hints ignored); the fixed
    answer without an image or for an image that is no synthetic scene (blank, noise)."""
    query = parse_question(prompt)
    scene = scene_for_image(to_rgb(images[0])) if images else None
    found = answer(query, scene) if query is not None and scene is not None else None
    return _as_answer(found, prompt_options(prompt))


def prior_answer(prompt: str) -> str:
    """Common knowledge for the counterfactual-prior questions (a banana is yellow, the capital of
    France is Paris), else the fixed answer."""
    query = parse_question(prompt)
    known = None
    if query is not None and query["family"] == "prior_colour":
        known = PRODUCE_COLOURS.get(query["args"][0])
    elif query is not None and query["family"] == "prior_capital":
        known = CAPITALS.get(query["args"][0], (None,))[0]
    return _as_answer(known, prompt_options(prompt))


def blind_answer(prompt: str, images: Sequence[Image.Image]) -> str:
    """The hinted answer when the prompt has a hint, else the prior answer; never the image."""
    hinted = find_hinted_answer(prompt)
    return hinted if hinted is not None else prior_answer(prompt)


def text_follower_answer(prompt: str, images: Sequence[Image.Image]) -> str:
    """The hinted answer when the prompt has a hint, else the oracle's answer."""
    hinted = find_hinted_answer(prompt)
    return hinted if hinted is not None else oracle_answer(prompt, images)
