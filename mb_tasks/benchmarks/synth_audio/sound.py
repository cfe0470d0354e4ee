"""Recording specifications of modbias_synth_audio and their deterministic rendering.

A recording is plain data: ``{"seconds", "tones": [{"start", "length", "from", "to"}]}`` (seconds,
and the pitch in Hz at the tone's start and end: a linear sweep, a steady tone when equal). Tones do
not overlap; each fades in and out over RAMP seconds.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Recording = dict[str, Any]
Tone = dict[str, float]

#: Samples per second of every recording.
RATE = 16_000
#: Length of each tone's fade in and fade out, in seconds.
RAMP = 0.005
#: Peak amplitude of a tone.
AMPLITUDE = 0.5


def tone(start: float, length: float, start_hz: float, end_hz: float | None = None) -> Tone:
    """A tone at ``start`` for ``length`` seconds, from ``start_hz`` to ``end_hz`` (steady if None)."""
    return {"start": start, "length": length, "from": start_hz, "to": start_hz if end_hz is None else end_hz}


def make_recording(tones: list[Tone], seconds: float) -> Recording:
    return {"seconds": seconds, "tones": tones}


def _tone_samples(spec: Tone) -> np.ndarray:
    """One tone: sin(2π(f0·t + (f1 − f0)·t²/(2L))) with RAMP-second raised-cosine fades."""
    count = round(spec["length"] * RATE)
    t = np.arange(count) / RATE
    phase = 2 * np.pi * (spec["from"] * t + (spec["to"] - spec["from"]) * t * t / (2 * spec["length"]))
    ramp = min(round(RAMP * RATE), count // 2)
    envelope = np.ones(count)
    fade = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    envelope[:ramp], envelope[count - ramp :] = fade, fade[::-1]
    return AMPLITUDE * envelope * np.sin(phase)


def render_recording(recording: Recording) -> np.ndarray:
    """The recording's samples at RATE, float32 (pure: the same spec gives byte-identical samples)."""
    samples = np.zeros(round(recording["seconds"] * RATE))
    for spec in recording["tones"]:
        first = round(spec["start"] * RATE)
        part = _tone_samples(spec)
        samples[first : first + len(part)] += part[: len(samples) - first]
    return samples.astype(np.float32)
