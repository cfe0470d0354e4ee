"""The modbias_synth adapter: items from the committed specs, images rendered on demand; and what the
synthetic benchmarks' adapters share (:class:`SpecAdapter`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, ClassVar

from PIL import Image

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, register
from mb_tasks.benchmarks.synth.items import prompt_text
from mb_tasks.benchmarks.synth.questions import FAMILIES, PRIOR_FAMILIES
from mb_tasks.benchmarks.synth.scene import render


def scene_key(scene: dict[str, Any]) -> str:
    """sha256 of the scene's canonical JSON: equal exactly for items showing the same scene."""
    return hashlib.sha256(json.dumps(scene, sort_keys=True).encode("utf-8")).hexdigest()


class SpecAdapter(BenchmarkAdapter):
    """A synthetic benchmark: each document holds its media as a specification, ``doc[spec]`` (a
    scene, a clip, a recording), and the prompt is its question with lettered options. Items with the
    same specification share an image key and a cluster. A diagnostic, not a suite member."""

    #: The document field holding the media specification.
    spec: ClassVar[str]
    in_suite: ClassVar[bool] = False

    def item(self, doc: dict[str, Any], index: int) -> Item:
        key = scene_key(doc[self.spec])
        return Item(
            pair_id=doc["id"],
            category=doc["category"],
            answer_type=doc["answer_type"],
            target=doc["target"],
            image_key=key,
            options=tuple(doc["options"]) or None,
            cluster=key,
            cf_target=doc["cf_target"],
        )

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        return prompt_text(doc["question"], doc["options"])


@register
class SynthAdapter(SpecAdapter):
    name = "synth"
    spec = "scene"
    image_columns = ()
    # The prior families can be answered from common knowledge; every other family needs the image.
    vision_required_categories = frozenset(FAMILIES) - frozenset(PRIOR_FAMILIES)
    full_items = full_counterfactuals = 640  # the committed items.jsonl: every item has a counterfactual

    def base_visual(self, doc: dict[str, Any], item: Item) -> list[Image.Image]:
        return [render(doc["scene"])]

    def counterfactual_visual(
        self, doc: dict[str, Any], item: Item, base_row: Callable[[int], dict[str, Any]]
    ) -> list[Image.Image]:
        return [render(doc["cf_scene"])]
