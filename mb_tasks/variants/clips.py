"""Clip files: frames written as a video file for a request (lmms-eval's video models take paths),
and read back.

A clip is encoded losslessly (H.264 in RGB, ``libx264rgb`` at qp 0, one thread, in MP4) with PyAV,
so decoding gives the frames back exactly and the same frames give byte-identical files. Files live in
a cache folder, named by the content hash of their frames, and are written once (atomically).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

import numpy as np

from mb_tasks.variants.video import check_frames

#: Frames per second of a written clip.
CLIP_FPS = 4
#: The environment variable that chooses the clip cache folder.
CLIP_CACHE_ENV = "MODBIAS_CLIP_CACHE"
#: Changes whenever the encoding does, so that a cached file always matches its name.
_ENCODING = f"libx264rgb-qp0-mp4-{CLIP_FPS}fps"


def clip_cache_folder() -> Path:
    """``$MODBIAS_CLIP_CACHE``, else ``$XDG_CACHE_HOME/modbias/clips`` (``~/.cache`` by default)."""
    chosen = os.environ.get(CLIP_CACHE_ENV)
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "modbias" / "clips"


def clip_key(frames: np.ndarray) -> str:
    """sha256 of the frames' shape, bytes and the encoding: equal exactly for equal clips."""
    digest = hashlib.sha256(f"{_ENCODING}:{check_frames(frames).shape}".encode())
    digest.update(np.ascontiguousarray(frames).tobytes())
    return digest.hexdigest()


def encode_clip(frames: np.ndarray) -> bytes:
    """The frames as a lossless MP4 file's bytes (deterministic: equal frames, equal bytes)."""
    import av  # PyAV loads where a clip is written, not when the package is imported

    frames = check_frames(frames)
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        stream = container.add_stream("libx264rgb", rate=CLIP_FPS)
        stream.width, stream.height, stream.pix_fmt = frames.shape[2], frames.shape[1], "rgb24"
        stream.options = {"qp": "0", "preset": "ultrafast"}
        stream.thread_count = 1
        for frame in frames:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        container.mux(stream.encode())
    return buffer.getvalue()


def decode_clip(source: Path | str | bytes) -> np.ndarray:
    """The frames (uint8 T x H x W x 3) of a video file, or of its bytes; ValueError naming the file
    when it holds no readable video frame."""
    import av

    opened = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    shown = "clip bytes" if isinstance(source, bytes) else str(source)
    try:
        with av.open(opened) as container:
            frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    except (av.error.FFmpegError, OSError) as error:
        raise ValueError(f"{shown}: not a readable video ({error})") from error
    if not frames:
        raise ValueError(f"{shown}: no video frame")
    return np.stack(frames)


def clip_file(frames: np.ndarray, folder: Path | None = None) -> Path:
    """The path of the frames' clip file in ``folder`` (default :func:`clip_cache_folder`), named by
    :func:`clip_key`; written first when it is not there."""
    folder = folder if folder is not None else clip_cache_folder()
    path = folder / f"{clip_key(frames)}.mp4"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            part.write(encode_clip(frames))
        os.replace(part.name, path)
    return path
