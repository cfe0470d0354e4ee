"""Variant images and safe decoding of item images.

Everything here is pure: the same input (and seed) gives byte-identical output.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from PIL import Image, ImageFile, UnidentifiedImageError

from mb_tasks.variants.seeds import rng

#: The uniform gray of the ``blank`` variant.
BLANK_GRAY = 128
#: Mean and standard deviation of the ``noise`` variant's per-channel Gaussian noise (clipped to 0..255).
NOISE_MEAN, NOISE_STD = 128.0, 64.0
#: How many noise values (float64) are drawn at a time: 2 MB of scratch memory.
NOISE_BAND_VALUES = 1 << 18
_WHITE = (255, 255, 255)


class ItemImageError(ValueError):
    """An item's image is missing, corrupt or too large to decode; the message names the item."""


def read_problem(read: Callable[..., object], *arguments: Any) -> str | None:
    """Why ``read(*arguments)`` (decoding an item's image, clip or recording) raised
    :class:`ItemImageError` or another ValueError; None when it did not."""
    try:
        read(*arguments)
    except ValueError as error:
        return str(error)
    return None


def _scaled_to_bytes(values: np.ndarray, sixteen_bit: bool) -> np.ndarray:
    """uint8 of one channel: 16-bit ÷257; else 0..1 floats ×255, 0..255 as is, 0..65535 ÷257, else min-max."""
    values = values.astype(np.float64)
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    if sixteen_bit or (low >= 0 and 255 < high <= 65535):
        scaled = values / 257.0
    elif low >= 0 and high <= 1 and np.issubdtype(values.dtype, np.floating) and high > 0:
        scaled = values * 255.0
    elif low >= 0 and high <= 255:
        scaled = values
    else:
        scaled = (values - low) * (255.0 / (high - low))
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def to_rgb(image: Image.Image) -> Image.Image:
    """The image as 8-bit RGB: transparency composited over white, 16/32-bit and float greyscale
    scaled to 0..255 (0..65535 ÷ 257; floats in 0..1 × 255; other ranges min-max)."""
    if image.mode == "RGB":
        return image
    if image.mode.startswith("I") or image.mode == "F":
        gray = _scaled_to_bytes(np.asarray(image), sixteen_bit=image.mode.startswith("I;16"))
        return Image.fromarray(gray, mode="L").convert("RGB")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (*_WHITE, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def blank_like(image: Image.Image) -> Image.Image:
    """A uniform gray (128) RGB image of the same size."""
    return Image.new("RGB", image.size, (BLANK_GRAY,) * 3)


def noise_like(image: Image.Image, *seed_parts: object) -> Image.Image:
    """RGB noise of the same size: clip(N(128, 64²)) per pixel and channel, seeded by ``seed_parts``.

    The normals are drawn into one reused band of rows at a time (the stream and the arithmetic of
    drawing them all at once), so besides the image only the band's few MB are needed.
    """
    width, height = image.size
    generator = rng("noise", *seed_parts)
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    band = np.empty((max(1, NOISE_BAND_VALUES // max(1, 3 * width)), width, 3))
    for top in range(0, height, len(band)):
        values = band[: min(len(band), height - top)]
        generator.standard_normal(out=values)
        values *= NOISE_STD
        values += NOISE_MEAN
        pixels[top : top + len(values)] = np.clip(np.rint(values, out=values), 0, 255, out=values)
    return Image.fromarray(pixels, mode="RGB")


def content_hash(image: Image.Image) -> str:
    """sha256 over the mode, size and pixel bytes: equal exactly for pixel-identical images."""
    digest = hashlib.sha256(f"{image.mode}:{image.size[0]}x{image.size[1]}:".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


_STRICT_DECODING = threading.Lock()


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Truncated files raise while decoding (lmms-eval sets PIL's LOAD_TRUNCATED_IMAGES globally,
    which would silently fill the missing part with gray), and over-limit images raise too (PIL only
    warns between its limit and twice its limit)."""
    with _STRICT_DECODING, warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        load_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = load_truncated


def _decode(data: bytes | str, item_id: object, decode: bool) -> Image.Image:
    """Open an encoded image (bytes, or a file path): its header, and with ``decode`` its pixels."""
    source = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        with _strict_decoding():
            image = Image.open(source)
            if decode:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ItemImageError(
            f"item {item_id}: image exceeds PIL's decompression-bomb limit of "
            f"{Image.MAX_IMAGE_PIXELS} pixels ({error})"
        ) from error
    except FileNotFoundError as error:
        raise ItemImageError(f"item {item_id}: image file not found: {data}") from error
    except UnidentifiedImageError as error:  # its message holds the BytesIO's memory address
        raise ItemImageError(
            f"item {item_id}: corrupt or unreadable image (not an image format PIL reads)"
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ItemImageError(f"item {item_id}: corrupt or unreadable image ({error})") from error
    return image


def open_item_image(value: Any, item_id: object, *, decode: bool = True) -> Image.Image:
    """The decoded image of an item from a PIL image, a ``datasets`` {"bytes", "path"} dict, raw
    bytes or a file path; :class:`ItemImageError` naming the item for a missing, corrupt or
    over-limit image. ``decode=False`` only reads the header (a cheap check: the size limit and the
    format, not truncation)."""
    if isinstance(value, Image.Image):
        limit = Image.MAX_IMAGE_PIXELS
        if limit is not None and value.size[0] * value.size[1] > limit:
            raise ItemImageError(
                f"item {item_id}: image of {value.size[0]}x{value.size[1]} pixels exceeds PIL's "
                f"decompression-bomb limit of {limit} pixels"
            )
        return value
    if isinstance(value, dict):
        encoded = value.get("bytes") or value.get("path")
        if not encoded:
            raise ItemImageError(f"item {item_id}: missing image (no bytes and no path)")
        return _decode(encoded, item_id, decode)
    if isinstance(value, (bytes, bytearray)):
        if not value:
            raise ItemImageError(f"item {item_id}: missing image (empty bytes)")
        return _decode(bytes(value), item_id, decode)
    if isinstance(value, (str, os.PathLike)):
        return _decode(os.fspath(value), item_id, decode)
    if value is None:
        raise ItemImageError(f"item {item_id}: missing image")
    raise ItemImageError(f"item {item_id}: unsupported image value of type {type(value).__name__}")
