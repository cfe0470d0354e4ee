"""Recordings read from audio files (a benchmark's own, as ``datasets`` stores them undecoded: a
``{"bytes", "path"}`` dict), with PyAV: the samples as ``datasets``' decoder gives ``"array"``
(float32, channels averaged) and the file's own sampling rate."""

from __future__ import annotations

import io
from typing import Any

import numpy as np


def decode_recording(value: Any) -> tuple[np.ndarray, int]:
    """(float32 mono samples, sampling rate) of an audio file given as bytes, a path or a ``{"bytes",
    "path"}`` dict; ValueError naming the file when it holds no readable audio."""
    import av  # PyAV loads where a recording is read, not when the package is imported

    if isinstance(value, dict):
        value = value.get("bytes") or value.get("path")
    if not value:
        raise ValueError("no audio file")
    shown = "audio bytes" if isinstance(value, (bytes, bytearray)) else str(value)
    opened = io.BytesIO(bytes(value)) if isinstance(value, (bytes, bytearray)) else str(value)
    try:
        with av.open(opened) as container:
            stream = container.streams.audio[0]
            rate = stream.rate
            planar = av.AudioResampler(format="fltp")  # float planes; the layout and rate unchanged
            frames = [out for frame in container.decode(stream) for out in planar.resample(frame)]
            parts = [frame.to_ndarray() for frame in [*frames, *planar.resample(None)]]
    except (av.error.FFmpegError, OSError, IndexError) as error:
        raise ValueError(f"{shown}: not a readable audio file ({error})") from error
    if not parts or not rate:
        raise ValueError(f"{shown}: no audio samples")
    samples = np.concatenate(parts, axis=1).astype(np.float32)  # channels x samples
    return samples.mean(axis=0, dtype=np.float32), int(rate)
