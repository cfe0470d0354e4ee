"""The audio of an audio benchmark's rows, as lmms-eval's audio tasks hand it to a model: a list with
one ``{"array", "sampling_rate"}`` recording.

| variant | audio |
|---|---|
| original, misleading_hint, consistent_hint | the item's recording |
| no_audio, misleading_hint_no_image | none (text only) |
| silence | zeros as long as the recording |
| noise_audio | seeded white noise as long and as loud as the recording |
| mismatch_audio | the donor item's recording |
| counterfactual | the native counterfactual's recording |

Recordings are read (or rendered) once per item through memoized functions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np

from mb_tasks.benchmarks.media import AudioAdapter, Recording
from mb_tasks.lmms.base_data import base_doc
from mb_tasks.lmms.rows import RowItem, item_named, row_item
from mb_tasks.variants.audio import audio_input, check_samples, noise_audio, silence
from mb_tasks.variants.images import ItemImageError, read_problem

#: How many items' recordings stay decoded: rows are item-major, so an item's variants hit the cache.
BASE_AUDIO_CACHE = 64
#: How many counterfactual recordings stay decoded.
COUNTERFACTUAL_CACHE = 4
#: How many recordings' verdicts (readable or why not) are remembered per process.
VERDICT_CACHE = 1 << 16

#: variant -> its samples from the item's samples and the row.
_SAMPLE_VARIANTS: dict[str, Callable[[np.ndarray, dict[str, Any]], np.ndarray]] = {
    "silence": lambda samples, doc: silence(samples),
    "noise_audio": lambda samples, doc: noise_audio(samples, doc["benchmark"], doc["pair_id"], doc["seed"]),
}


def _checked(recording: Recording, item_id: str) -> Recording:
    samples, rate = recording
    try:
        samples = check_samples(samples)
    except ValueError as error:
        raise ItemImageError(f"item {item_id}: {error}") from error
    samples.setflags(write=False)  # shared by every variant of the item
    return samples, int(rate)


@lru_cache(maxsize=BASE_AUDIO_CACHE)
def base_audio(bench: AudioAdapter, files: str, index: int, item_id: str) -> Recording:
    """Base row ``index``'s recording (samples, rate), read (or rendered) once for all the item's variants."""
    return _checked(bench.base_audio(base_doc(files, index), item_named(item_id)), item_id)


@lru_cache(maxsize=COUNTERFACTUAL_CACHE)
def counterfactual_audio(bench: AudioAdapter, item: RowItem) -> Recording:
    """The recording of the item's native counterfactual (made from the item's own, read once)."""
    recording = base_audio(bench, item.base_files, item.base_index, item.pair_id)
    doc = base_doc(item.base_files, item.base_index)
    return _checked(bench.counterfactual_audio(doc, item.item(), recording), item.pair_id)


@lru_cache(maxsize=VERDICT_CACHE)
def base_audio_problem(bench: AudioAdapter, files: str, index: int, item_id: str) -> str | None:
    """Why base row ``index``'s recording cannot be read (None when it can)."""
    return read_problem(base_audio, bench, files, index, item_id)


def audio_failure(bench: AudioAdapter, doc: dict[str, Any]) -> str | None:
    """Why the row's record cannot be scored: its item's recording, or the one only its own request
    plays (the mismatch donor's, the counterfactual's), cannot be read; None when all can."""
    item = row_item(doc)
    failure = base_audio_problem(bench, item.base_files, item.base_index, item.pair_id)
    if failure is None and doc["variant"] == "mismatch_audio":
        failure = base_audio_problem(bench, item.base_files, doc["donor_index"], doc["donor_id"])
    if failure is None and doc["variant"] == "counterfactual":
        failure = read_problem(counterfactual_audio, bench, item)
    return failure


def audio_visuals(bench: AudioAdapter, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The row's recording in lmms-eval's form (the variants without audio are handled before)."""
    item = row_item(doc)
    variant = doc["variant"]
    if variant == "counterfactual":
        samples, rate = counterfactual_audio(bench, item)
    elif variant == "mismatch_audio":
        samples, rate = base_audio(bench, item.base_files, doc["donor_index"], doc["donor_id"])
    else:
        samples, rate = base_audio(bench, item.base_files, item.base_index, item.pair_id)
        transform = _SAMPLE_VARIANTS.get(variant)
        samples = transform(samples, doc) if transform is not None else samples
    return [audio_input(samples, rate)]
