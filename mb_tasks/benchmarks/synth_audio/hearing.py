"""Reading a question's answer off a recording's samples, as a model that hears it in order would
(the reference oracle): the tones are the loud stretches of the signal, each one's pitch at its start
and end counted from zero crossings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mb_tasks.benchmarks.synth_audio.questions import Query

#: Analysis frame, in seconds; a frame is loud when its RMS is at least LOUD of the loudest frame's.
FRAME_SECONDS, LOUD = 0.005, 0.3
#: A tone at least this long (seconds) is "long"; shorter ones are beeps.
LONG_TONE = 0.2
#: A pitch that changes by more than this factor from start to end is a sweep.
SWEEP_FACTOR = 1.2
#: A loud stretch whose pitch is above this (Hz) is noise, not a tone.
MAX_TONE_HZ = 3000.0


@dataclass(frozen=True)
class HeardTone:
    """A tone: start and end (seconds), and its pitch (Hz) near its start and near its end."""

    start: float
    end: float
    start_hz: float
    end_hz: float

    @property
    def pitch(self) -> float:
        return (self.start_hz + self.end_hz) / 2


def _pitch(samples: np.ndarray, rate: int) -> float:
    """Hz from the zero crossings of a stretch of a tone: crossings / (2 × seconds)."""
    crossings = np.count_nonzero(np.diff(np.signbit(samples)))
    return crossings * rate / (2 * len(samples)) if len(samples) else 0.0


def heard_tones(samples: np.ndarray, rate: int) -> list[HeardTone]:
    """The tones of the recording in order (none in silence; a loud stretch pitched above MAX_TONE_HZ,
    such as white noise, is no tone)."""
    frame = max(1, round(FRAME_SECONDS * rate))
    count = len(samples) // frame
    if not count:
        return []
    frames = np.asarray(samples[: count * frame], dtype=np.float64).reshape(count, frame)
    level = np.sqrt((frames * frames).mean(axis=1))
    if level.max() <= 0:
        return []
    loud = np.concatenate([[False], level >= LOUD * level.max(), [False]])
    edges = np.flatnonzero(np.diff(loud.astype(np.int8)))
    tones = []
    for first, stop in zip(edges[::2], edges[1::2], strict=True):
        part = samples[first * frame : stop * frame]
        third = max(1, len(part) // 3)
        start_hz, end_hz = _pitch(part[:third], rate), _pitch(part[-third:], rate)
        if max(start_hz, end_hz) <= MAX_TONE_HZ:
            tones.append(HeardTone(first * frame / rate, stop * frame / rate, start_hz, end_hz))
    return tones


def sweep(tone: HeardTone) -> str:
    """ "rising", "falling" or "steady": the tone's pitch from its start to its end."""
    if tone.end_hz > tone.start_hz * SWEEP_FACTOR:
        return "rising"
    if tone.start_hz > tone.end_hz * SWEEP_FACTOR:
        return "falling"
    return "steady"


def hear_answer(query: Query, options: list[str], samples: np.ndarray, rate: int) -> str | None:
    """The answer (an option's text) the recording gives the query, or None when it does not tell."""
    tones = heard_tones(samples, rate)
    found: str | None = None
    if query["family"] == "first_tone" and len(tones) == 2:
        if abs(tones[0].pitch - tones[1].pitch) > 0.2 * max(tones[0].pitch, tones[1].pitch):
            found = "the high tone" if tones[0].pitch > tones[1].pitch else "the low tone"
    elif query["family"] == "beeps_before":
        long_tones = [index for index, tone in enumerate(tones) if tone.end - tone.start >= LONG_TONE]
        found = str(long_tones[0]) if len(long_tones) == 1 else None
    elif query["family"] not in ("first_tone", "beeps_before") and len(tones) == 1:
        found = sweep(tones[0])
    return found if found in options else None
