"""Adapters of benchmarks whose items are clips or recordings: the hooks the video and audio requests
(:mod:`mb_tasks.lmms.video_requests`, :mod:`mb_tasks.lmms.audio_requests`) call in place of
``base_visual``. A video or audio adapter subclasses one of these and implements its abstract hook;
its ``modality`` picks the variants its tasks may run (``mb_tasks.records.MODALITY_VARIANTS``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.variants.clips import LOSSLESS, ClipFormat
from mb_tasks.variants.images import ItemImageError

#: A recording: (samples, a 1-D float array; samples per second).
Recording = tuple[np.ndarray, int]


class VideoAdapter(BenchmarkAdapter, ABC):
    """A benchmark of clips: :meth:`base_clip` reads (or renders) an item's frames."""

    modality: ClassVar[str] = "video"
    image_columns: ClassVar[tuple[str, ...]] = ()
    default_variants: ClassVar[tuple[str, ...]] = MODALITY_VARIANTS["video"]
    lite_variants: ClassVar[tuple[str, ...]] = (
        "original", "no_video", "single_frame", "reversed_frames", "misleading_hint",
    )  # fmt: skip

    @abstractmethod
    def base_clip(self, doc: dict[str, Any], item: Item, frames: int | None) -> np.ndarray:
        """The clip of ``doc``: frames, uint8 T x H x W x 3 (:class:`ItemImageError` naming the item
        when it cannot be read). ``frames``: how many to sample from a video file (the task's
        ``video_frames``; None: the benchmark's default); a rendered clip has its own count."""

    def source_video(self, doc: dict[str, Any], item: Item) -> list[str] | None:
        """The base task's own visual of ``doc`` when it is a video file, handed to the model as it is
        (so ``original`` is the base request byte for byte); None (the default) for a clip that is
        rendered, which the item's own rows get written as a clip file."""
        return None

    def clip_format(self, doc: dict[str, Any], item: Item, frames: int | None) -> ClipFormat:
        """How the clips made from the item's frames (shuffled, reversed, ...; ``frames`` as in
        :meth:`base_clip`) are written: lossless at the default rate unless the benchmark says
        otherwise."""
        return LOSSLESS

    def counterfactual_clip(self, doc: dict[str, Any], item: Item, frames: np.ndarray) -> np.ndarray:
        """The clip of the item's native counterfactual (frames as :meth:`base_clip`); ``frames``: the
        item's own clip, already read (e.g. for a counterfactual that reverses it). None by default."""
        raise ItemImageError(f"item {item.pair_id}: no counterfactual clip")


class AudioAdapter(BenchmarkAdapter, ABC):
    """A benchmark of recordings: :meth:`base_audio` reads (or renders) an item's recording."""

    modality: ClassVar[str] = "audio"
    image_columns: ClassVar[tuple[str, ...]] = ()
    default_variants: ClassVar[tuple[str, ...]] = MODALITY_VARIANTS["audio"]
    lite_variants: ClassVar[tuple[str, ...]] = ("original", "no_audio", "noise_audio", "misleading_hint")

    @abstractmethod
    def base_audio(self, doc: dict[str, Any], item: Item) -> Recording:
        """The recording of ``doc`` (:class:`ItemImageError` naming the item when it cannot be read)."""

    def counterfactual_audio(self, doc: dict[str, Any], item: Item, recording: Recording) -> Recording:
        """The recording of the item's native counterfactual; ``recording``: the item's own, already
        read (e.g. for a counterfactual that reverses it). None by default."""
        raise ItemImageError(f"item {item.pair_id}: no counterfactual recording")
