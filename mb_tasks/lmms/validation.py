"""Cheap checks of an item's images during expansion: presence and a readable header within PIL's
decompression-bomb limit. Only the header is read; pixels are decoded later, in ``doc_to_visual``."""

from __future__ import annotations

import io
import os
import warnings
from typing import Any

from PIL import Image, UnidentifiedImageError

from mb_tasks.variants.images import ItemImageError


def _encoded(value: Any) -> bytes | str | None:
    if isinstance(value, dict):
        return value.get("bytes") or value.get("path")
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    return None


def check_image_header(value: Any, item_id: object) -> None:
    """Raise :class:`ItemImageError` naming the item if ``value`` (an undecoded image) is missing,
    not an image, or larger than PIL's decompression-bomb limit."""
    if isinstance(value, Image.Image):
        return
    encoded = _encoded(value)
    if not encoded:
        raise ItemImageError(f"item {item_id}: missing image")
    source = io.BytesIO(encoded) if isinstance(encoded, bytes) else encoded
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source):
                pass
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ItemImageError(
            f"item {item_id}: image exceeds PIL's decompression-bomb limit of {Image.MAX_IMAGE_PIXELS} "
            f"pixels ({error})"
        ) from error
    except FileNotFoundError as error:
        raise ItemImageError(f"item {item_id}: image file not found: {encoded}") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ItemImageError(f"item {item_id}: corrupt or unreadable image ({error})") from error


def check_item_images(doc: dict[str, Any], image_columns: tuple[str, ...], item_id: object) -> None:
    """:func:`check_image_header` for every image of the document's image columns."""
    for column in image_columns:
        value = doc.get(column)
        for one in value if isinstance(value, (list, tuple)) else [value]:
            check_image_header(one, item_id)
