"""Video variants as pure functions of a clip's frames (a uint8 array T x H x W x 3).

The same frames (and seed) give the same output; the only randomness, ``shuffled_frames``'s
permutation, comes from :func:`mb_tasks.variants.seeds.stable_seed`. ``no_video`` (no visual at all)
and ``mismatch_video`` (another item's clip, :func:`mb_tasks.variants.derangement.mismatch_donors`)
need no frame function; :mod:`mb_tasks.variants.clips` writes a clip to a file for the request.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from mb_tasks.variants.seeds import rng


def check_frames(frames: np.ndarray) -> np.ndarray:
    """``frames`` if it is a uint8 array T x H x W x 3 with T >= 1; ValueError saying what it is otherwise."""
    if frames.dtype != np.uint8 or frames.ndim != 4 or frames.shape[-1] != 3 or not frames.shape[0]:
        raise ValueError(
            f"a clip is a uint8 array T x H x W x 3 with T >= 1, not {frames.dtype} {frames.shape}"
        )
    return frames


def middle_index(frames: np.ndarray) -> int:
    """The index of the clip's middle frame: T // 2."""
    return len(check_frames(frames)) // 2


def single_frame(frames: np.ndarray) -> Image.Image:
    """The middle frame as a still RGB image."""
    return Image.fromarray(frames[middle_index(frames)], mode="RGB")


def frame_permutation(count: int, *seed_parts: object) -> np.ndarray:
    """A seeded permutation of range(count) that is never the identity when count > 1 (an identity
    draw is rotated by one)."""
    order = rng("shuffled_frames", *seed_parts).permutation(count)
    if count > 1 and (order == np.arange(count)).all():
        order = np.roll(order, 1)
    return order


def shuffled_frames(frames: np.ndarray, *seed_parts: object) -> np.ndarray:
    """The frames in the seeded order of :func:`frame_permutation`."""
    return check_frames(frames)[frame_permutation(len(frames), *seed_parts)]


def reversed_frames(frames: np.ndarray) -> np.ndarray:
    """The frames last to first."""
    return np.ascontiguousarray(check_frames(frames)[::-1])


def frozen_video(frames: np.ndarray) -> np.ndarray:
    """The middle frame repeated for the whole clip (T frames)."""
    return np.repeat(frames[middle_index(frames)][None], len(frames), axis=0)
