"""The local copies' images, drawn with PIL: one colour and square per seed."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, ImageDraw


def picture(seed: int, size: tuple[int, int] = (40, 30)) -> Image.Image:
    """An RGB image of a colour and a square that depend on ``seed``."""
    image = Image.new("RGB", size, ((seed * 67) % 256, (seed * 131) % 256, (seed * 29) % 256))
    ImageDraw.Draw(image).rectangle((2 + seed % 7, 3, 12 + seed % 7, 13), fill=(255, 255, 255))
    return image


def encoded(seed: int, size: tuple[int, int] = (40, 30), kind: str = "PNG") -> bytes:
    """:func:`picture` encoded as ``kind`` (PNG or JPEG)."""
    buffer = io.BytesIO()
    picture(seed, size).save(buffer, format=kind)
    return buffer.getvalue()


def png(seed: int, size: tuple[int, int] = (40, 30)) -> dict[str, Any]:
    """:func:`picture` as a PNG the way ``datasets`` stores an image."""
    return {"bytes": encoded(seed, size), "path": None}
