"""The visuals of a video benchmark's rows: clip files (lmms-eval's video models take paths) and, for
``single_frame``, a still image.

| variant | visual |
|---|---|
| original, misleading_hint, consistent_hint | the item's clip (a wrapped task's own video file) |
| no_video, misleading_hint_no_image | none (a gray still of the frame size under ``gray_image``) |
| single_frame | the middle frame, as a still image |
| shuffled_frames | the clip's frames in a seeded order (never the original one) |
| reversed_frames | the clip's frames last to first |
| frozen_video | the middle frame for the whole clip |
| mismatch_video | the donor item's clip (or video file) |
| counterfactual | the native counterfactual's clip |

Clips are decoded (or rendered, or sampled from a wrapped task's video) once per item through
memoized functions, and written to the clip cache (:mod:`mb_tasks.variants.clips`) in the
benchmark's clip format under their content hash, so equal clips share one file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from mb_tasks.benchmarks.media import VideoAdapter
from mb_tasks.lmms.base_data import base_doc
from mb_tasks.lmms.rows import RowItem, item_named, row_item
from mb_tasks.variants.clips import ClipFormat, clip_cache_folder, clip_file
from mb_tasks.variants.images import blank_like, read_problem
from mb_tasks.variants.video import frozen_video, reversed_frames, shuffled_frames, single_frame
from mb_tasks.variants.visuals import Visual

#: How many items' clips stay decoded: rows are item-major, so an item's variants hit the cache (and
#: mismatch donors often do); 32 clips of 16 sampled 448 x 252 frames are 170 MB.
BASE_CLIP_CACHE = 32
#: How many counterfactual clips stay decoded.
COUNTERFACTUAL_CACHE = 4
#: How many clips' verdicts (readable or why not) are remembered per process.
VERDICT_CACHE = 1 << 16


def _shuffled(frames: np.ndarray, doc: dict[str, Any]) -> np.ndarray:
    """The frames in the row's seeded order (seeded by benchmark, item and the task's seed)."""
    return shuffled_frames(frames, doc["benchmark"], doc["pair_id"], doc["seed"])


#: variant -> its frames from the item's frames and the row.
_FRAME_VARIANTS: dict[str, Callable[[np.ndarray, dict[str, Any]], np.ndarray]] = {
    "shuffled_frames": _shuffled,
    "reversed_frames": lambda frames, doc: reversed_frames(frames),
    "frozen_video": lambda frames, doc: frozen_video(frames),
}


@dataclass(frozen=True)
class ClipSource:
    """Which base row's clip (its item id naming it in messages), and how many frames to sample from
    a video file (the task's ``video_frames``; None: the benchmark's default)."""

    files: str
    index: int
    item_id: str
    frames: int | None


def own_clip(doc: dict[str, Any]) -> ClipSource:
    """The clip of the row's own item."""
    return ClipSource(doc["base_files"], doc["base_index"], doc["pair_id"], doc["video_frames"])


def donor_clip(doc: dict[str, Any]) -> ClipSource:
    """The clip of the row's mismatch donor."""
    return ClipSource(doc["base_files"], doc["donor_index"], doc["donor_id"], doc["video_frames"])


@lru_cache(maxsize=BASE_CLIP_CACHE)
def base_clip(bench: VideoAdapter, source: ClipSource) -> np.ndarray:
    """The clip of ``source``, read (or rendered, or sampled) once for all the item's variants."""
    frames = bench.base_clip(base_doc(source.files, source.index), item_named(source.item_id), source.frames)
    frames.setflags(write=False)  # shared by every variant of the item
    return frames


@lru_cache(maxsize=COUNTERFACTUAL_CACHE)
def counterfactual_clip(bench: VideoAdapter, item: RowItem, source: ClipSource) -> np.ndarray:
    """The clip of the item's native counterfactual (``source``: the item's own clip)."""
    frames = base_clip(bench, source)
    return bench.counterfactual_clip(base_doc(item.base_files, item.base_index), item.item(), frames)


@lru_cache(maxsize=VERDICT_CACHE)
def base_clip_problem(bench: VideoAdapter, source: ClipSource) -> str | None:
    """Why the clip of ``source`` cannot be read (None when it can)."""
    return read_problem(base_clip, bench, source)


@lru_cache(maxsize=VERDICT_CACHE)
def counterfactual_clip_problem(bench: VideoAdapter, item: RowItem, source: ClipSource) -> str | None:
    """Why the item's counterfactual clip cannot be read (None when it can)."""
    return read_problem(counterfactual_clip, bench, item, source)


def clip_failure(bench: VideoAdapter, doc: dict[str, Any]) -> str | None:
    """Why the row's record cannot be scored: its item's clip, or the clip only its own request shows
    (the mismatch donor's, the counterfactual's), cannot be read; None when all can."""
    failure = base_clip_problem(bench, own_clip(doc))
    if failure is None and doc["variant"] == "mismatch_video":
        failure = base_clip_problem(bench, donor_clip(doc))
    if failure is None and doc["variant"] == "counterfactual":
        failure = counterfactual_clip_problem(bench, row_item(doc), own_clip(doc))
    return failure


@lru_cache(maxsize=BASE_CLIP_CACHE)
def clip_format(bench: VideoAdapter, source: ClipSource) -> ClipFormat:
    """How the clips made from the frames of ``source`` are written."""
    return bench.clip_format(base_doc(source.files, source.index), item_named(source.item_id), source.frames)


@lru_cache(maxsize=VERDICT_CACHE)
def _original_clip_file(bench: VideoAdapter, source: ClipSource, folder: Path) -> Path:
    return clip_file(base_clip(bench, source), folder)


@lru_cache(maxsize=VERDICT_CACHE)
def source_video(bench: VideoAdapter, files: str, index: int, item_id: str) -> tuple[str, ...] | None:
    """Base row ``index``'s own video file(s) in the base task, None for a clip that is rendered
    (looked up once per process)."""
    found = bench.source_video(base_doc(files, index), item_named(item_id))
    return None if found is None else tuple(found)


def item_video(bench: VideoAdapter, source: ClipSource) -> list[str]:
    """The video of ``source`` as the request hands it over: the base task's own video file when
    there is one, else the item's clip file in the clip cache, written (or found) once per process and
    folder. The item's original and hinted rows, and the rows that show it as their mismatch donor,
    share it (a clip file is written again if it has gone)."""
    found = source_video(bench, source.files, source.index, source.item_id)
    if found is not None:
        return list(found)
    folder = clip_cache_folder()
    path = _original_clip_file(bench, source, folder)
    return [str(path if path.is_file() else clip_file(base_clip(bench, source), folder))]


def variant_frames(bench: VideoAdapter, doc: dict[str, Any]) -> np.ndarray:
    """The frames of a row whose clip differs from its item's own: ``counterfactual`` and the frame
    variants (shuffled, reversed, frozen)."""
    if doc["variant"] == "counterfactual":
        return counterfactual_clip(bench, row_item(doc), own_clip(doc))
    return _FRAME_VARIANTS[doc["variant"]](base_clip(bench, own_clip(doc)), doc)


def video_visuals(bench: VideoAdapter, doc: dict[str, Any], no_visual: bool) -> list[Visual]:
    """The row's visuals: a clip file's path, the middle frame for ``single_frame``, and for a variant
    without video (``no_visual``: the request gets a gray image instead of nothing) a gray still."""
    variant = doc["variant"]
    if no_visual or variant == "single_frame":
        still = single_frame(base_clip(bench, own_clip(doc)))
        return [blank_like(still) if no_visual else still]
    if variant == "mismatch_video":
        return item_video(bench, donor_clip(doc))
    if variant == "counterfactual" or variant in _FRAME_VARIANTS:
        return [str(clip_file(variant_frames(bench, doc), form=clip_format(bench, own_clip(doc))))]
    return item_video(bench, own_clip(doc))
