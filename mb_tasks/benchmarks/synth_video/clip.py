"""Clip specifications and their deterministic rendering.

A clip is plain data: ``{"frames", "width", "height", "objects": [{"shape", "colour", "size",
"track"}]}``; ``track`` holds one ``[x, y]`` centre per frame, or null where the object is not shown.
Each frame is drawn as a modbias_synth scene (:func:`mb_tasks.benchmarks.synth.scene.render`), so
shapes and colours are synth's.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mb_tasks.benchmarks.synth.scene import render

Clip = dict[str, Any]
ClipObject = dict[str, Any]

#: Frames per clip, and the square frame size in pixels.
FRAMES, SIZE = 8, 64
#: Centres of the 3 x 3 grid cells objects sit in (20 pixels apart, so shapes of half-extent 6 never touch).
CENTRES: tuple[int, ...] = (12, 32, 52)
#: Half-extent of every shape.
SHAPE_SIZE = 6


def clip_object(shape: str, colour: str, track: list[list[int] | None]) -> ClipObject:
    """An object of the clip: a shape, its colour and where it is in each frame (None: not shown)."""
    return {"shape": shape, "colour": colour, "size": SHAPE_SIZE, "track": track}


def make_clip(objects: list[ClipObject]) -> Clip:
    """The clip of ``objects`` on the standard canvas."""
    return {"frames": FRAMES, "width": SIZE, "height": SIZE, "objects": objects}


def frame_scene(clip: Clip, index: int) -> dict[str, Any]:
    """Frame ``index`` as a modbias_synth scene: the objects shown in it, at their centres."""
    shown = [(obj, obj["track"][index]) for obj in clip["objects"] if obj["track"][index] is not None]
    return {
        "width": clip["width"],
        "height": clip["height"],
        "objects": [
            {"shape": obj["shape"], "colour": obj["colour"], "x": x, "y": y, "size": obj["size"], "label": ""}
            for obj, (x, y) in shown
        ],
    }


def render_clip(clip: Clip) -> np.ndarray:
    """The clip's frames, uint8 T x H x W x 3 (pure: the same clip gives byte-identical frames)."""
    return np.stack([np.asarray(render(frame_scene(clip, index))) for index in range(clip["frames"])])
