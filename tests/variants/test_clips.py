"""Clip files: lossless, byte-identical for equal frames, cached under their content hash."""

import numpy as np
import pytest

from mb_tasks.variants.clips import CLIP_CACHE_ENV, clip_cache_folder, clip_file, decode_clip, encode_clip
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
