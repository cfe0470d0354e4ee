"""The video variants: pure functions of a clip's frames, seeded where random."""

import numpy as np
import pytest

from mb_tasks.variants.video import (
    frame_permutation,
    frozen_video,
    reversed_frames,
    shuffled_frames,
    single_frame,
)


def _clip(count: int = 8) -> np.ndarray:
    """Frames whose every pixel holds the frame's index, so the order can be read back."""
    return np.broadcast_to(np.arange(count, dtype=np.uint8)[:, None, None, None], (count, 6, 5, 3)).copy()


def _order(frames: np.ndarray) -> list[int]:
    return [int(frame[0, 0, 0]) for frame in frames]


def test_single_frame_is_the_middle_frame_as_a_still_image():
    for count in (1, 2, 7, 8):
        still = single_frame(_clip(count))
        assert still.mode == "RGB" and still.size == (5, 6)
        assert (np.asarray(still) == count // 2).all()


def test_reversed_and_frozen_keep_the_length():
    assert _order(reversed_frames(_clip())) == [7, 6, 5, 4, 3, 2, 1, 0]
    assert _order(frozen_video(_clip())) == [4] * 8
    assert _order(frozen_video(_clip(3))) == [1] * 3


@pytest.mark.parametrize("count", range(2, 10))
def test_the_shuffle_is_a_seeded_permutation_that_is_never_the_identity(count):
    for item in range(300):  # with 2 frames half of the draws are the identity: all must be moved
        order = _order(shuffled_frames(_clip(count), "bench", f"item-{item}", 0))
        assert sorted(order) == list(range(count)) and order != list(range(count))
        assert order == list(frame_permutation(count, "bench", f"item-{item}", 0))
    seeds = {tuple(frame_permutation(count, "bench", "item-0", seed)) for seed in range(20)}
    assert len(seeds) > 1 or count == 2  # the seed matters (2 frames have one other order)


def test_the_same_seed_gives_the_same_frames_and_one_frame_stays():
    first = shuffled_frames(_clip(), "bench", "item-1", 3)
    assert first.tobytes() == shuffled_frames(_clip(), "bench", "item-1", 3).tobytes()
    assert _order(shuffled_frames(_clip(1), "bench", "item-1", 3)) == [0]


@pytest.mark.parametrize(
    "frames",
    [
        np.zeros((8, 4, 4, 3), dtype=np.float32),
        np.zeros((8, 4, 4), dtype=np.uint8),
        np.zeros((0, 4, 4, 3), np.uint8),
    ],
)
def test_a_non_clip_is_refused_with_its_shape(frames):
    with pytest.raises(ValueError, match=r"uint8 array T x H x W x 3 .* not "):
        reversed_frames(frames)
