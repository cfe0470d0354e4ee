"""The modbias_synth_video adapter: items from the committed clip specifications, clips rendered on
demand; the native counterfactual is the clip reversed."""

from __future__ import annotations

from typing import Any

import numpy as np

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.media import VideoAdapter
from mb_tasks.benchmarks.synth.adapter import SpecAdapter
from mb_tasks.benchmarks.synth_video.clip import render_clip
from mb_tasks.benchmarks.synth_video.questions import FAMILIES, PRIOR_FAMILIES
from mb_tasks.variants.images import ItemImageError
from mb_tasks.variants.video import reversed_frames


@register
class SynthVideoAdapter(SpecAdapter, VideoAdapter):
    name = "synth_video"
    spec = "clip"
    # The prior families can be answered from the question's wording; every other family needs the clip.
    vision_required_categories = frozenset(FAMILIES) - frozenset(PRIOR_FAMILIES)
    full_items = full_counterfactuals = 200  # the committed items.jsonl: every item has a counterfactual

    def base_clip(self, doc: dict[str, Any], item: Item, frames: int | None) -> np.ndarray:
        try:
            return render_clip(doc["clip"])
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise ItemImageError(f"item {item.pair_id}: its clip cannot be rendered ({error!r})") from error

    def counterfactual_clip(self, doc: dict[str, Any], item: Item, frames: np.ndarray) -> np.ndarray:
        return reversed_frames(frames)
