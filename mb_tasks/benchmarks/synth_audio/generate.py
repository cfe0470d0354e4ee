"""Deterministic generator of the modbias_synth_audio items (run it to rewrite the committed items file).

    python -m mb_tasks.benchmarks.synth_audio.generate [--per-family 40] [--seed 0] [--out PATH]

Every item is a 1.5-second recording of tones (16 kHz) whose answer needs the sounds in order; its
native counterfactual is the same recording reversed, which gives the other answer (``cf_target``):
the pitch sweeps the other way, the other tone comes first, the beeps after the long tone come
before it. Every item is multiple choice with four options (chance 1/4), the gold at a balanced letter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mb_tasks.benchmarks.synth.drafting import ReversibleItems, options_with_gold, pick, run_generator
from mb_tasks.benchmarks.synth_audio.questions import (
    FAMILIES,
    FIRST_TONES,
    OPPOSITE,
    PITCHES,
    PRIORS,
    Query,
    question_text,
)
from mb_tasks.benchmarks.synth_audio.sound import Recording, make_recording, tone
from mb_tasks.task_folders import SYNTH_AUDIO_ITEMS

Item = dict[str, Any]
#: (query, recording, options, gold option, counterfactual gold option).
Draft = tuple[Query, Recording, list[str], str, str]

#: Each family's shift of its gold: item i of a family has its gold at option (i + shift) mod 4.
GOLD_SHIFTS: dict[str, int] = {
    "pitch": 0,
    "first_tone": 1,
    "beeps_before": 2,
    "prior_rise": 3,
    "prior_fall": 1,
}
#: Length of every recording, in seconds.
SECONDS = 1.5
#: A beep and the silence after it; the long tone (seconds).
BEEP, BEEP_GAP, LONG = 0.06, 0.06, 0.3


def _sweep(generator: np.random.Generator, direction: str) -> Recording:
    """One 0.6-second tone sweeping up or down between about 300 and 900 Hz, at a seeded start."""
    low, high = 250 + 100 * generator.random(), 800 + 200 * generator.random()
    start_hz, end_hz = (low, high) if direction == "rising" else (high, low)
    start = round(0.1 + 0.7 * generator.random(), 3)
    return make_recording([tone(start, 0.6, round(start_hz, 1), round(end_hz, 1))], SECONDS)


def _pitch(family: str, generator: np.random.Generator, slot: int) -> Draft:
    direction = PRIORS[family][1] if family in PRIORS else ("rising", "falling")[int(generator.integers(2))]
    options = options_with_gold(generator, direction, [p for p in PITCHES if p != direction], slot)
    query = {"family": family, "args": []}
    return query, _sweep(generator, direction), options, direction, OPPOSITE[direction]


def _first_tone(generator: np.random.Generator, slot: int) -> Draft:
    """A high and a low steady tone, 0.3 s each, one after the other."""
    high, low = round(1000 + 200 * generator.random(), 1), round(250 + 100 * generator.random(), 1)
    high_first = bool(generator.integers(2))
    first, second = (high, low) if high_first else (low, high)
    start = round(0.1 + 0.4 * generator.random(), 3)
    recording = make_recording([tone(start, 0.3, first), tone(start + 0.5, 0.3, second)], SECONDS)
    gold, other = ("the high tone", "the low tone") if high_first else ("the low tone", "the high tone")
    options = options_with_gold(generator, gold, [t for t in FIRST_TONES if t != gold], slot)
    return {"family": "first_tone", "args": []}, recording, options, gold, other


def _beeps_before(generator: np.random.Generator, slot: int) -> Draft:
    """``before`` beeps, a long tone, then ``after`` beeps (1-4 each, never equal)."""
    before, after = (int(n) for n in pick(generator, range(1, 5), 2))
    beep_hz, long_hz = round(700 + 200 * generator.random(), 1), round(400 + 100 * generator.random(), 1)
    tones, at = [], 0.05
    for index in range(before + 1 + after):
        length = LONG if index == before else BEEP
        tones.append(tone(round(at, 3), length, long_hz if index == before else beep_hz))
        at += length + BEEP_GAP
    others = pick(generator, [str(n) for n in range(7)], 2, exclude=(str(before), str(after)))
    options = options_with_gold(generator, str(before), [str(after), *others], slot)
    query = {"family": "beeps_before", "args": []}
    return query, make_recording(tones, SECONDS), options, str(before), str(after)


#: family -> its drafter(generator, gold slot).
_DRAFTERS: dict[str, Callable[[np.random.Generator, int], Draft]] = {
    "first_tone": _first_tone,
    "beeps_before": _beeps_before,
    **{
        family: lambda generator, slot, family=family: _pitch(family, generator, slot)
        for family in ("pitch", *PRIORS)
    },
}


#: The benchmark's items: ``make_item(family, index, seed)`` and ``generate_items(per_family, seed)``.
ITEMS = ReversibleItems("synth_audio", "recording", _DRAFTERS, GOLD_SHIFTS, question_text, FAMILIES)
make_item, generate_items = ITEMS.make_item, ITEMS.generate_items


def main(argv: list[str] | None = None) -> None:
    run_generator(argv, __doc__.splitlines()[0], generate_items, 40, SYNTH_AUDIO_ITEMS)


if __name__ == "__main__":
    main()
