"""Scenes and their deterministic rendering.

A scene is plain data: ``{"width", "height", "objects": [{"shape", "colour", "x", "y", "size",
"label"}]}``. ``shape`` is a geometric shape, a fruit or vegetable (drawn with its name underneath)
or ``"sign"`` (a board showing ``label``, lines separated by newlines); ``x``, ``y`` are the centre
and ``size`` the half-extent in pixels.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from mb_tasks.benchmarks.synth.knowledge import COLOURS

Scene = dict[str, Any]
SceneObject = dict[str, Any]

BACKGROUND = (255, 255, 255)
INK = (0, 0, 0)
SIGN_BOARD = (250, 240, 200)
SIGN_FONT_SIZE = 17
LABEL_FONT_SIZE = 12


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _regular_polygon(x: float, y: float, radius: float, corners: int, inner: float | None = None) -> list:
    """Corner points starting at the top; with ``inner``, a star alternating radius and inner * radius."""
    steps = corners * 2 if inner else corners
    points = []
    for step in range(steps):
        angle = -math.pi / 2 + 2 * math.pi * step / steps
        length = radius * inner if inner and step % 2 else radius
        points.append((round(x + length * math.cos(angle)), round(y + length * math.sin(angle))))
    return points


def _crescent(x: float, y: float, size: float) -> list:
    """A banana: the outer arc of one circle and the inner arc of a smaller, raised one."""
    outer = [(x + size * math.cos(a), y - size * 0.3 + size * math.sin(a)) for a in _angles(0.15, 0.85)]
    inner = [
        (x + size * 0.8 * math.cos(a), y - size * 0.55 + size * 0.8 * math.sin(a))
        for a in _angles(0.85, 0.15)
    ]
    return [(round(px), round(py)) for px, py in outer + inner]


def _angles(start: float, stop: float, steps: int = 16) -> list[float]:
    """``steps`` angles from start·π to stop·π (radians, y pointing down)."""
    return [math.pi * (start + (stop - start) * i / (steps - 1)) for i in range(steps)]


def _draw_shape(draw: ImageDraw.ImageDraw, shape: str, x: int, y: int, size: int, fill: tuple) -> None:
    box = (x - size, y - size, x + size, y + size)
    polygons = {
        "triangle": [(x, y - size), (x + size, y + size), (x - size, y + size)],
        "star": _regular_polygon(x, y, size, 5, inner=0.45),
        "diamond": [(x, y - size), (x + size, y), (x, y + size), (x - size, y)],
        "hexagon": _regular_polygon(x, y, size, 6),
        "banana": _crescent(x, y, size),
        "carrot": [(x - size // 2, y - size), (x + size // 2, y - size), (x, y + size)],
        "strawberry": [(x - size, y - size // 2), (x + size, y - size // 2), (x, y + size)],
    }
    ellipses = {
        "circle": box,
        "tomato": box,
        "lime": (x - size * 2 // 3, y - size * 2 // 3, x + size * 2 // 3, y + size * 2 // 3),
        "lemon": (x - size, y - size * 2 // 3, x + size, y + size * 2 // 3),
        "cucumber": (x - size, y - size // 3, x + size, y + size // 3),
        "eggplant": (x - size // 2, y - size, x + size // 2, y + size),
    }
    if shape == "square":
        draw.rectangle(box, fill=fill, outline=INK)
    elif shape in polygons:
        draw.polygon(polygons[shape], fill=fill, outline=INK)
    elif shape in ellipses:
        draw.ellipse(ellipses[shape], fill=fill, outline=INK)
    else:
        raise ValueError(f"unknown shape {shape!r}")


def _draw_sign(draw: ImageDraw.ImageDraw, obj: SceneObject) -> None:
    font = _font(SIGN_FONT_SIZE)
    left, top, right, bottom = draw.multiline_textbbox((0, 0), obj["label"], font=font, align="center")
    width, height = right - left, bottom - top
    origin = (obj["x"] - width // 2 - left, obj["y"] - height // 2 - top)
    draw.rectangle(
        (
            obj["x"] - width // 2 - 8,
            obj["y"] - height // 2 - 6,
            obj["x"] + width // 2 + 8,
            obj["y"] + height // 2 + 6,
        ),
        fill=SIGN_BOARD,
        outline=INK,
        width=2,
    )
    draw.multiline_text(origin, obj["label"], font=font, fill=INK, align="center")


def render(scene: Scene) -> Image.Image:
    """The scene as an RGB image (pure: the same scene gives byte-identical pixels)."""
    image = Image.new("RGB", (int(scene["width"]), int(scene["height"])), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for obj in scene["objects"]:
        if obj["shape"] == "sign":
            _draw_sign(draw, obj)
            continue
        x, y, size = int(obj["x"]), int(obj["y"]), int(obj["size"])
        _draw_shape(draw, obj["shape"], x, y, size, COLOURS[obj["colour"]])
        if obj["label"]:
            draw.text((x, y + size + 2), obj["label"], font=_font(LABEL_FONT_SIZE), fill=INK, anchor="mt")
    return image
