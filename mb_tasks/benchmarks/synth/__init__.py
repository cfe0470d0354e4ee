"""modbias_synth: procedurally generated scenes whose questions only the image answers."""

from mb_tasks.benchmarks.synth.adapter import SynthAdapter
from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH, load_items, prompt_text
from mb_tasks.benchmarks.synth.lookup import scene_for_image
from mb_tasks.benchmarks.synth.questions import (
    FAMILIES,
    PRIOR_FAMILIES,
    answer,
    parse_question,
    question_text,
)
from mb_tasks.benchmarks.synth.scene import render

__all__ = [
    "DEFAULT_ITEMS_PATH",
    "FAMILIES",
    "PRIOR_FAMILIES",
    "SynthAdapter",
    "answer",
    "load_items",
    "parse_question",
    "prompt_text",
    "question_text",
    "render",
    "scene_for_image",
]
