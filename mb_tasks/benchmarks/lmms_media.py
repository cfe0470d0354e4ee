"""Adapters of real lmms-eval video and audio tasks: prompt and media come from the base task's own
``utils`` (as :class:`~mb_tasks.benchmarks.lmms_task.LmmsTaskAdapter`'s images do).

A video task's ``original`` (and hinted, and mismatch donor) rows hand the model the base task's own
video path(s), so ``original`` is the base request byte for byte. The variants that change the clip
(single_frame, shuffled, reversed, frozen) start from :attr:`LmmsVideoAdapter.sampled_frames` frames
spread evenly over the video (the longer side scaled to at most :attr:`LmmsVideoAdapter.max_side`),
written as a lossy clip at the frame rate that keeps the video's duration, so a model that samples by
time sees as long a clip as the original. An audio task's rows get the base task's recording decoded
from its undecoded ``audio`` column (float32, channels averaged, its own rate: what ``datasets`` hands
lmms-eval's base task as ``"array"`` and ``"sampling_rate"``).
"""

from __future__ import annotations

import os
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mb_tasks.benchmarks.base import Item, encoded_image_key
from mb_tasks.benchmarks.lmms_task import (
    LmmsTaskAdapter,
    base_function,
    base_utils,
    gold_letter,
    without_counterfactual,
)
from mb_tasks.benchmarks.media import AudioAdapter, Recording, VideoAdapter
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.variants.audio_files import decode_recording
from mb_tasks.variants.clips import ClipFormat, sample_clip
from mb_tasks.variants.images import ItemImageError

if TYPE_CHECKING:  # datasets loads only where the split is read (reports import adapters)
    import datasets

#: How many videos' sampled frames stay decoded (an item's frames, then its clip format).
SAMPLED_CACHE = 4


@lru_cache(maxsize=SAMPLED_CACHE)
def _sampled(path: str, count: int, max_side: int) -> tuple[np.ndarray, Fraction]:
    frames, fps = sample_clip(path, count, max_side)
    frames.setflags(write=False)
    return frames, fps


def video_mcq_item(pair_id: str, category: Any, options: tuple[str, ...], gold: str, video: str) -> Item:
    """A multiple-choice item about video ``video`` (its image key and cluster: a video's questions
    share them, so a mismatch never shows an item its own video); gold: its letter."""
    return Item(
        pair_id=pair_id,
        category=str(category),
        answer_type="mcq",
        target=gold_letter(gold, options, pair_id),
        image_key=encoded_image_key(f"video:{video}"),
        options=options,
        cluster=str(video),
    )


class LmmsVideoAdapter(VideoAdapter, LmmsTaskAdapter):
    """A wrapped lmms-eval video task whose ``doc_to_visual(doc)`` gives one video file's path."""

    default_variants: ClassVar[tuple[str, ...]] = without_counterfactual(MODALITY_VARIANTS["video"])
    #: Frames sampled from an item's video for the variants that change the clip, unless the task's
    #: ``video_frames`` says otherwise.
    sampled_frames: ClassVar[int] = 16
    #: The longest side of a sampled frame, in pixels.
    max_side: ClassVar[int] = 448

    def prepare(self, documents: datasets.Dataset) -> None:
        base_utils(self.base_module)  # a base task that cannot be imported stops the run here

    def source_video(self, doc: dict[str, Any], item: Item) -> list[str]:
        to_visual, _ = base_function(self.base_module, self.base_doc_to_visual)
        try:
            paths = list(to_visual(doc))
        except SystemExit as stop:  # lmms-eval's videomme and tempcompass exit on a missing video
            raise ItemImageError(f"item {item.pair_id}: {stop.code}") from None
        missing = [path for path in paths if not os.path.isfile(path)]
        if len(paths) != 1 or missing:
            found = f"video {missing[0]} does not exist" if missing else f"{len(paths)} videos, not one"
            raise ItemImageError(f"item {item.pair_id}: {found}")
        return paths

    def _sampled(self, doc: dict[str, Any], item: Item, frames: int | None) -> tuple[np.ndarray, Fraction]:
        (path,) = self.source_video(doc, item)
        try:
            return _sampled(path, frames or self.sampled_frames, self.max_side)
        except ValueError as error:
            raise ItemImageError(f"item {item.pair_id}: {error}") from error

    def base_clip(self, doc: dict[str, Any], item: Item, frames: int | None) -> np.ndarray:
        return self._sampled(doc, item, frames)[0]

    def clip_format(self, doc: dict[str, Any], item: Item, frames: int | None) -> ClipFormat:
        return ClipFormat(fps=self._sampled(doc, item, frames)[1], lossless=False)


class LmmsAudioAdapter(AudioAdapter, LmmsTaskAdapter):
    """A wrapped lmms-eval audio task whose recording is the row's ``audio`` column."""

    default_variants: ClassVar[tuple[str, ...]] = without_counterfactual(MODALITY_VARIANTS["audio"])
    audio_column: ClassVar[str] = "audio"

    def base_audio(self, doc: dict[str, Any], item: Item) -> Recording:
        try:
            return decode_recording(doc[self.audio_column])
        except ValueError as error:
            raise ItemImageError(f"item {item.pair_id}: {error}") from error
