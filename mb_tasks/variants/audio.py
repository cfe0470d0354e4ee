"""Audio variants as pure functions of a recording's samples (a 1-D float array at some rate).

The same samples (and seed) give the same output; ``noise_audio``'s noise comes from
:func:`mb_tasks.variants.seeds.rng`. ``no_audio`` (no recording at all) and ``mismatch_audio``
(another item's recording, :func:`mb_tasks.variants.derangement.mismatch_donors`) need no sample
function. lmms-eval hands a recording to an audio model as ``{"array", "sampling_rate"}``
(:func:`audio_input`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mb_tasks.variants.seeds import rng

#: The RMS level of the noise for a silent recording (whose own RMS is 0).
SILENT_NOISE_RMS = 0.1


def check_samples(samples: np.ndarray) -> np.ndarray:
    """``samples`` as float32 if it is a non-empty 1-D array of finite numbers; ValueError saying
    what it is otherwise."""
    array = np.asarray(samples)
    if array.ndim != 1 or not array.size or not np.issubdtype(array.dtype, np.number):
        raise ValueError(f"a recording is a non-empty 1-D array of samples, not {array.dtype} {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError("a recording's samples must be finite numbers")
    return array.astype(np.float32, copy=False)


def silence(samples: np.ndarray) -> np.ndarray:
    """Zeros for as long as the recording (float32)."""
    return np.zeros(len(check_samples(samples)), dtype=np.float32)


def rms(samples: np.ndarray) -> float:
    """sqrt(mean(x²)) of the samples."""
    array = check_samples(samples).astype(np.float64)
    return float(np.sqrt(np.mean(array * array)))


def noise_audio(samples: np.ndarray, *seed_parts: object) -> np.ndarray:
    """Seeded white noise as long and as loud (RMS) as the recording (SILENT_NOISE_RMS for a silent
    one), clipped to [-1, 1], float32."""
    level = rms(samples) or SILENT_NOISE_RMS
    noise = rng("noise_audio", *seed_parts).standard_normal(len(samples)) * level
    return np.clip(noise, -1.0, 1.0).astype(np.float32)


def reversed_audio(samples: np.ndarray) -> np.ndarray:
    """The recording played backwards (float32)."""
    return np.ascontiguousarray(check_samples(samples)[::-1])


def audio_input(samples: np.ndarray, rate: int) -> dict[str, Any]:
    """A recording as lmms-eval's audio tasks hand it to a model: ``{"array", "sampling_rate"}``, and
    ``"type": "audio"``, without which lmms-eval 0.7.3's chat path makes a dict a video part."""
    return {"array": check_samples(samples), "sampling_rate": int(rate), "type": "audio"}
