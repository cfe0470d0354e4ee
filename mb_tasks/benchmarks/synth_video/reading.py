"""Reading a question's answer off a clip's frames, as a model that sees every frame in order would
(the reference oracle): motion from the object's centre in the first and last frames, order from the
frame each object is first shown in, a count from the objects shown in the last frame.

Objects are found by their exact fill colour (clips are written losslessly, so pixels survive).
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from mb_tasks.benchmarks.synth.knowledge import COLOURS
from mb_tasks.benchmarks.synth_video.questions import Query, moving_colour

#: The smallest displacement of a centre, in pixels, that counts as motion.
MIN_MOTION = 1.0
#: How far a colour's pixels are grown before counting regions (objects sit 8 pixels apart or more).
MERGE_PIXELS = 2


def colour_mask(frames: np.ndarray, colour: str) -> np.ndarray:
    """Per frame and pixel, whether it has ``colour``'s fill (bool T x H x W)."""
    return (frames == np.asarray(COLOURS[colour], dtype=np.uint8)).all(axis=-1)


def motion(frames: np.ndarray, colour: str) -> str | None:
    """Which way the ``colour`` object moves between the first and the last frame (left, right, up,
    down by the larger displacement), or None if it is missing from either or moves less than
    :data:`MIN_MOTION`."""
    mask = colour_mask(frames, colour)
    if not mask[0].any() or not mask[-1].any():
        return None
    (y0, x0), (y1, x1) = ndimage.center_of_mass(mask[0]), ndimage.center_of_mass(mask[-1])
    dx, dy = x1 - x0, y1 - y0
    if max(abs(dx), abs(dy)) < MIN_MOTION:
        return None
    if abs(dx) >= abs(dy):
        return "right" if dx > 0 else "left"
    return "down" if dy > 0 else "up"


def first_shown(frames: np.ndarray, options: list[str]) -> str | None:
    """The option ("red circle") whose colour is shown in the earliest frame, or None when no option
    is shown or several are first shown in the same frame."""
    firsts: dict[str, int] = {}
    for option in options:
        colour = option.split()[0]
        if colour in COLOURS:
            shown = np.flatnonzero(colour_mask(frames, colour).any(axis=(1, 2)))
            if len(shown):
                firsts[option] = int(shown[0])
    if not firsts:
        return None
    earliest = min(firsts.values())
    first = [option for option, frame in firsts.items() if frame == earliest]
    return first[0] if len(first) == 1 else None


def count_at_end(frames: np.ndarray, colour: str) -> str:
    """How many separate ``colour`` objects the last frame shows, as text: the connected regions of its
    colour grown by :data:`MERGE_PIXELS` (so that a star's points, cut off by its outline, stay one)."""
    grown = ndimage.binary_dilation(colour_mask(frames[-1:], colour)[0], iterations=MERGE_PIXELS)
    return str(ndimage.label(grown)[1])


def read_answer(query: Query, options: list[str], frames: np.ndarray) -> str | None:
    """The answer (an option's text) the frames give the query, or None when they do not tell."""
    colour = moving_colour(query)
    if colour is not None:
        found = motion(frames, colour)
    elif query["family"] == "order":
        found = first_shown(frames, options)
    else:
        found = count_at_end(frames, query["args"][0])
    return found if found in options else None
