"""Deterministic generator of the modbias_synth_video items (run it to rewrite the committed items file).

    python -m mb_tasks.benchmarks.synth_video.generate [--per-family 40] [--seed 0] [--out PATH]

Every item is a short clip (8 frames of 64 x 64) whose answer needs the frames in order; its native
counterfactual is the same clip reversed, which gives the other answer (``cf_target``): the object
moves the other way, the other object appears first, the count at the end is the count at the start.
Every item is multiple choice with four options (chance 1/4), the gold at a balanced letter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mb_tasks.benchmarks.synth.drafting import ReversibleItems, options_with_gold, pick, run_generator
from mb_tasks.benchmarks.synth.knowledge import COLOURS, SHAPES
from mb_tasks.benchmarks.synth_video.clip import CENTRES, FRAMES, Clip, clip_object, make_clip
from mb_tasks.benchmarks.synth_video.questions import (
    DIRECTIONS,
    FAMILIES,
    OPPOSITE,
    PRIORS,
    Query,
    question_text,
)
from mb_tasks.task_folders import SYNTH_VIDEO_ITEMS

Item = dict[str, Any]
#: (query, clip, options, gold option, counterfactual gold option).
Draft = tuple[Query, Clip, list[str], str, str]

#: Each family's shift of its gold: item i of a family has its gold at option (i + shift) mod 4, so
#: each family's golds cycle through the letters and the families of one round start on different ones.
GOLD_SHIFTS: dict[str, int] = {"direction": 0, "order": 1, "count_end": 2, "prior_fall": 3, "prior_rise": 1}
#: The first and last centre coordinate of a moving object.
_PATH_START, _PATH_END = 10, 54
_CELLS: tuple[tuple[int, int], ...] = tuple((column, row) for row in range(3) for column in range(3))
#: (count at the start, count at the end) of the count family: they differ by 2 or 3, so the middle
#: frame shows neither.
_COUNT_PAIRS: tuple[tuple[int, int], ...] = tuple(
    (start, end) for start in range(1, 6) for end in range(1, 6) if abs(start - end) in (2, 3)
)


def _centre(cell: tuple[int, int]) -> list[int]:
    return [CENTRES[cell[0]], CENTRES[cell[1]]]


def _path(direction: str, lane: int) -> list[list[int] | None]:
    """The centres of an object crossing the frame in ``direction`` along row or column ``lane``."""
    steps = [round(_PATH_START + (_PATH_END - _PATH_START) * t / (FRAMES - 1)) for t in range(FRAMES)]
    if direction in ("left", "up"):
        steps.reverse()
    fixed = CENTRES[lane]
    return [[step, fixed] if direction in ("left", "right") else [fixed, step] for step in steps]


def _static(generator: np.random.Generator, cells: list[tuple[int, int]], colours: tuple) -> list[dict]:
    """Shapes shown in every frame at ``cells``, in colours other than ``colours``."""
    picked = pick(generator, COLOURS, len(cells), exclude=colours)
    return [
        clip_object(pick(generator, SHAPES, 1)[0], colour, [_centre(cell)] * FRAMES)
        for cell, colour in zip(cells, picked, strict=True)
    ]


def _motion(generator: np.random.Generator, direction: str, shape: str, slot: int) -> tuple[Clip, str, list]:
    """A ``shape`` crossing the frame in ``direction`` and 0-2 still shapes off its lane: the clip,
    the mover's colour and the direction options."""
    colour = pick(generator, COLOURS, 1)[0]
    lane = int(generator.integers(3))
    horizontal = direction in ("left", "right")
    free = [cell for cell in _CELLS if cell[1 if horizontal else 0] != lane]
    still = _static(generator, pick(generator, free, int(generator.integers(0, 3))), (colour,))
    options = options_with_gold(generator, direction, [d for d in DIRECTIONS if d != direction], slot)
    return make_clip([clip_object(shape, colour, _path(direction, lane)), *still]), colour, options


def _direction(generator: np.random.Generator, slot: int) -> Draft:
    direction = DIRECTIONS[int(generator.integers(len(DIRECTIONS)))]
    shape = pick(generator, SHAPES, 1)[0]
    clip, colour, options = _motion(generator, direction, shape, slot)
    return {"family": "direction", "args": [colour, shape]}, clip, options, direction, OPPOSITE[direction]


def _prior(family: str, generator: np.random.Generator, slot: int) -> Draft:
    direction = PRIORS[family][2]
    clip, colour, options = _motion(generator, direction, "circle", slot)
    return {"family": family, "args": [colour]}, clip, options, direction, OPPOSITE[direction]


def _order(generator: np.random.Generator, slot: int) -> Draft:
    """Two objects, one shown in the first half of the clip and the other in the second half."""
    colours = pick(generator, COLOURS, 4)
    shapes = [pick(generator, SHAPES, 1)[0] for _ in colours]
    described = [f"{colour} {shape}" for colour, shape in zip(colours, shapes, strict=True)]
    first_cell, second_cell = pick(generator, _CELLS, 2)
    half = FRAMES // 2
    first = clip_object(shapes[0], colours[0], [_centre(first_cell)] * half + [None] * (FRAMES - half))
    second = clip_object(shapes[1], colours[1], [None] * half + [_centre(second_cell)] * (FRAMES - half))
    options = options_with_gold(generator, described[0], described[1:], slot)
    query = {"family": "order", "args": []}
    return query, make_clip([first, second]), options, described[0], described[1]


def _count_end(generator: np.random.Generator, slot: int) -> Draft:
    """Objects of one colour and shape appearing (or disappearing) one at a time, and 1-2 still shapes."""
    start, end = _COUNT_PAIRS[int(generator.integers(len(_COUNT_PAIRS)))]
    colour, shape = pick(generator, COLOURS, 1)[0], pick(generator, SHAPES, 1)[0]
    cells = pick(generator, _CELLS, max(start, end) + 2)
    counts = [start + round((end - start) * t / (FRAMES - 1)) for t in range(FRAMES)]
    counted = [
        clip_object(shape, colour, [_centre(cell) if j < count else None for count in counts])
        for j, cell in enumerate(cells[: max(start, end)])
    ]
    still = _static(generator, cells[max(start, end) :][: int(generator.integers(1, 3))], (colour,))
    others = pick(generator, [str(n) for n in range(7)], 2, exclude=(str(start), str(end)))
    options = options_with_gold(generator, str(end), [str(start), *others], slot)
    query = {"family": "count_end", "args": [colour, shape]}
    return query, make_clip([*counted, *still]), options, str(end), str(start)


#: family -> its drafter(generator, gold slot).
_DRAFTERS: dict[str, Callable[[np.random.Generator, int], Draft]] = {
    "direction": _direction,
    "order": _order,
    "count_end": _count_end,
    **{family: lambda generator, slot, family=family: _prior(family, generator, slot) for family in PRIORS},
}


#: The benchmark's items: ``make_item(family, index, seed)`` and ``generate_items(per_family, seed)``.
ITEMS = ReversibleItems("synth_video", "clip", _DRAFTERS, GOLD_SHIFTS, question_text, FAMILIES)
make_item, generate_items = ITEMS.make_item, ITEMS.generate_items


def main(argv: list[str] | None = None) -> None:
    run_generator(argv, __doc__.splitlines()[0], generate_items, 40, SYNTH_VIDEO_ITEMS)


if __name__ == "__main__":
    main()
