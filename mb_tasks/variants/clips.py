"""Clip files: frames written as a video file for a request (lmms-eval's video models take paths),
read back, and sampled from a benchmark's own videos.

A clip is encoded with PyAV in MP4 on one thread, so the same frames give byte-identical files:
losslessly by default (H.264 in RGB, ``libx264rgb`` at qp 0: decoding gives the frames back exactly),
or, for frames sampled from real videos, lossily (``libx264`` yuv420p at crf :data:`LOSSY_CRF`, a
tenth of the size or less). Files live in a cache folder, named by the content hash of their frames
and format, and are written once (atomically).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from mb_tasks.variants.video import check_frames

#: Frames per second of a written clip, unless its format says otherwise.
CLIP_FPS = 4
#: The quality of a lossy clip (x264's constant rate factor: 18 is visually lossless).
LOSSY_CRF = 18
#: The environment variable that chooses the clip cache folder.
CLIP_CACHE_ENV = "MODBIAS_CLIP_CACHE"


@dataclass(frozen=True)
class ClipFormat:
    """How a clip file is written: its frame rate and whether it is lossless."""

    fps: Fraction = Fraction(CLIP_FPS)
    lossless: bool = True

    @property
    def name(self) -> str:
        """Changes whenever the encoding does, so that a cached file always matches its name."""
        codec = "libx264rgb-qp0" if self.lossless else f"libx264-yuv420p-crf{LOSSY_CRF}"
        return f"{codec}-mp4-{self.fps}fps"


#: The default format: lossless at CLIP_FPS.
LOSSLESS = ClipFormat()


def clip_cache_folder() -> Path:
    """``$MODBIAS_CLIP_CACHE``, else ``$XDG_CACHE_HOME/modbias/clips`` (``~/.cache`` by default)."""
    chosen = os.environ.get(CLIP_CACHE_ENV)
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "modbias" / "clips"


def clip_key(frames: np.ndarray, form: ClipFormat = LOSSLESS) -> str:
    """sha256 of the frames' shape, bytes and the format: equal exactly for equal clips."""
    digest = hashlib.sha256(f"{form.name}:{check_frames(frames).shape}".encode())
    digest.update(np.ascontiguousarray(frames).tobytes())
    return digest.hexdigest()


def encode_clip(frames: np.ndarray, form: ClipFormat = LOSSLESS) -> bytes:
    """The frames as an MP4 file's bytes in ``form`` (deterministic: equal frames, equal bytes); a
    lossy clip needs an even width and height (yuv420p)."""
    import av  # PyAV loads where a clip is written, not when the package is imported

    frames = check_frames(frames)
    if not form.lossless and (frames.shape[1] % 2 or frames.shape[2] % 2):
        raise ValueError(f"a lossy clip needs an even frame size, not {frames.shape[2]} x {frames.shape[1]}")
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        stream = container.add_stream("libx264rgb" if form.lossless else "libx264", rate=form.fps)
        stream.width, stream.height = frames.shape[2], frames.shape[1]
        stream.pix_fmt = "rgb24" if form.lossless else "yuv420p"
        quality = {"qp": "0"} if form.lossless else {"crf": str(LOSSY_CRF)}
        stream.options = {**quality, "preset": "ultrafast"}
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


def clip_file(frames: np.ndarray, folder: Path | None = None, form: ClipFormat = LOSSLESS) -> Path:
    """The path of the frames' clip file in ``form`` in ``folder`` (default :func:`clip_cache_folder`),
    named by :func:`clip_key`; written first when it is not there."""
    folder = folder if folder is not None else clip_cache_folder()
    path = folder / f"{clip_key(frames, form)}.mp4"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            part.write(encode_clip(frames, form))
        os.replace(part.name, path)
    return path


def _frame_count(container: Any, stream: Any) -> int:
    """How many frames ``stream`` holds: from its header, else by counting its packets (the container
    is then read to the end: seek before decoding)."""
    return stream.frames or sum(1 for packet in container.demux(stream) if packet.size)


def scaled_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """(width, height) scaled so the longer side is at most ``max_side``, each rounded, then down to even."""
    scale = min(1.0, max_side / max(width, height))
    return max(2, round(width * scale) // 2 * 2), max(2, round(height * scale) // 2 * 2)


def sample_clip(source: Path | str, count: int, max_side: int) -> tuple[np.ndarray, Fraction]:
    """``count`` frames spread evenly over the video file ``source`` (frame indices
    round(linspace(0, T - 1, count)), so a shorter video repeats frames), each scaled to
    :func:`scaled_size`, and the frame rate that gives them the video's duration; ValueError naming
    the file when it holds no readable video.

    Each frame is reached by seeking to the keyframe before it and decoding forward to the first frame
    at or after its time, so an hour-long video costs ``count`` short decodes, not a full one.
    """
    import av

    path = str(source)
    try:
        kept: dict[int, np.ndarray] = {}
        with av.open(path) as container:
            stream = container.streams.video[0]
            total = _frame_count(container, stream)
            wanted = np.round(np.linspace(0, max(total - 1, 0), count)).astype(int)
            rate = stream.average_rate or Fraction(CLIP_FPS)
            seconds = float(stream.duration * stream.time_base) if stream.duration else total / float(rate)
            start = stream.start_time or 0
            for index in sorted(set(wanted.tolist())):
                target = start + round(Fraction(index) / rate / stream.time_base)
                container.seek(target, stream=stream)
                for frame in container.decode(stream):
                    if frame.pts is not None and frame.pts < target:
                        continue
                    width, height = scaled_size(frame.width, frame.height, max_side)
                    kept[index] = frame.to_ndarray(width=width, height=height, format="rgb24")
                    break
    except (av.error.FFmpegError, OSError, IndexError) as error:
        raise ValueError(f"{path}: not a readable video ({error})") from error
    if not kept:
        raise ValueError(f"{path}: no video frame")
    last = max(kept)  # a header that overstates the frame count: the last frame stands in
    frames = np.stack([kept.get(int(index), kept[last]) for index in wanted])
    return frames, Fraction(count / seconds).limit_denominator(1000) if seconds > 0 else Fraction(CLIP_FPS)
