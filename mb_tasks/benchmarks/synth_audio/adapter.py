"""The modbias_synth_audio adapter: items from the committed recording specifications, recordings
rendered on demand; the native counterfactual is the recording reversed."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.media import AudioAdapter, Recording
from mb_tasks.benchmarks.synth.adapter import SpecAdapter
from mb_tasks.benchmarks.synth_audio.questions import FAMILIES, PRIOR_FAMILIES
from mb_tasks.benchmarks.synth_audio.sound import RATE, render_recording
from mb_tasks.variants.audio import reversed_audio
from mb_tasks.variants.images import ItemImageError


@register
class SynthAudioAdapter(SpecAdapter, AudioAdapter):
    name = "synth_audio"
    spec = "recording"
    # The prior families can be answered from the question's wording; every other family needs the audio.
    vision_required_categories = frozenset(FAMILIES) - frozenset(PRIOR_FAMILIES)
    full_items = full_counterfactuals = 200  # the committed items.jsonl: every item has a counterfactual

    def base_audio(self, doc: dict[str, Any], item: Item) -> Recording:
        try:
            return render_recording(doc["recording"]), RATE
        except (KeyError, TypeError, ValueError) as error:
            raise ItemImageError(
                f"item {item.pair_id}: its recording cannot be rendered ({error!r})"
            ) from error

    def counterfactual_audio(self, doc: dict[str, Any], item: Item, recording: Recording) -> Recording:
        samples, rate = recording
        return reversed_audio(samples), rate
