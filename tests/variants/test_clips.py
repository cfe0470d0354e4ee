"""Clip files: lossless (or lossy, for frames sampled from real videos), byte-identical for equal
frames, cached under their content hash; frames sampled evenly from a video file."""

from fractions import Fraction

import numpy as np
import pytest

from mb_tasks.variants.clips import (
    CLIP_CACHE_ENV,
    ClipFormat,
    clip_cache_folder,
    clip_file,
    decode_clip,
    encode_clip,
    sample_clip,
    scaled_size,
)
from mb_tasks.variants.seeds import rng
from mb_tasks.variants.video import shuffled_frames


def _frames(seed: int = 0) -> np.ndarray:
    return rng("clip test", seed).integers(0, 256, size=(8, 16, 24, 3), dtype=np.uint8)


def test_the_same_frames_give_byte_identical_files_and_decode_exactly():
    frames = _frames()
    data = encode_clip(frames)
    assert data == encode_clip(frames.copy())
    assert data != encode_clip(_frames(1))
    decoded = decode_clip(data)
    assert decoded.dtype == np.uint8 and decoded.shape == frames.shape
    assert (decoded == frames).all()  # lossless: every pixel survives


def test_a_shuffled_clip_with_the_same_seed_is_the_same_file(tmp_path):
    first = clip_file(shuffled_frames(_frames(), "bench", "item", 0), tmp_path)
    again = clip_file(shuffled_frames(_frames(), "bench", "item", 0), tmp_path / "other")
    assert first.read_bytes() == again.read_bytes() and first.name == again.name
    assert clip_file(shuffled_frames(_frames(), "bench", "item", 1), tmp_path) != first


def test_a_clip_is_written_once_under_its_content_hash(tmp_path):
    path = clip_file(_frames(), tmp_path)
    assert path.parent == tmp_path and path.suffix == ".mp4" and len(path.stem) == 64
    written = path.stat().st_mtime_ns
    assert clip_file(_frames(), tmp_path) == path and path.stat().st_mtime_ns == written
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no partial file left behind
    assert (decode_clip(path) == _frames()).all()


def test_the_cache_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(CLIP_CACHE_ENV, str(tmp_path / "clips"))
    assert clip_cache_folder() == tmp_path / "clips"
    monkeypatch.delenv(CLIP_CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert clip_cache_folder() == tmp_path / "modbias" / "clips"


def test_a_file_that_is_no_video_is_named(tmp_path):
    path = tmp_path / "broken.mp4"
    path.write_bytes(b"not a video")
    with pytest.raises(ValueError, match=r"broken\.mp4: not a readable video"):
        decode_clip(path)


def test_a_lossy_clip_is_byte_identical_per_frames_smaller_and_named_apart(tmp_path):
    smooth = np.repeat(np.linspace(0, 255, 24, dtype=np.uint8)[None, None, :, None], 16, axis=1)
    frames = np.repeat(np.repeat(smooth, 3, axis=3), 8, axis=0)  # 8 frames of a 24 x 16 gradient
    lossy = ClipFormat(fps=Fraction(8, 3), lossless=False)
    assert encode_clip(frames, lossy) == encode_clip(frames.copy(), lossy) != encode_clip(frames)
    assert clip_file(frames, tmp_path, lossy) != clip_file(frames, tmp_path)
    decoded = decode_clip(clip_file(frames, tmp_path, lossy))
    assert decoded.shape == frames.shape and np.abs(decoded.astype(int) - frames.astype(int)).mean() < 3
    with pytest.raises(ValueError, match="a lossy clip needs an even frame size, not 23 x 16"):
        encode_clip(frames[:, :, :23], lossy)


def test_sampled_frames_are_spread_evenly_scaled_and_keep_the_duration(tmp_path):
    frames = _frames()  # 8 frames of 24 x 16, written at CLIP_FPS: 2 seconds
    path = clip_file(frames, tmp_path)
    sampled, fps = sample_clip(path, 5, 448)
    assert (
        sampled == frames[[0, 2, 4, 5, 7]]
    ).all()  # round(linspace(0, 7, 5)) = 0, 2, 4, 5, 7 (half to even)
    assert fps == Fraction(5, 2)  # five frames over the video's two seconds
    assert sample_clip(path, 12, 448)[0].shape == (12, 16, 24, 3)  # more than it has: frames repeat
    assert sample_clip(path, 3, 12)[0].shape == (3, 8, 12, 3)  # the longer side scaled to 12
    (tmp_path / "broken.mp4").write_bytes(b"not a video")
    with pytest.raises(ValueError, match=r"broken\.mp4: not a readable video"):
        sample_clip(tmp_path / "broken.mp4", 4, 448)


@pytest.mark.parametrize(
    ("size", "limit", "scaled"), [((640, 360), 448, (448, 252)), ((63, 47), 448, (62, 46))]
)
def test_scaled_size_keeps_the_aspect_within_the_limit_and_even(size, limit, scaled):
    assert scaled_size(*size, limit) == scaled
