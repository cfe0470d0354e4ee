"""Cheap checks of an item's images during expansion: presence and a readable header within PIL's
decompression-bomb limit. Only the header is read; pixels are decoded later, in ``doc_to_visual``."""

from __future__ import annotations

from typing import Any

from mb_tasks.variants.images import open_item_image


def check_image_header(value: Any, item_id: object) -> None:
    """Raise ``ItemImageError`` naming the item if ``value`` (an undecoded image) is missing,
    not an image, or larger than PIL's decompression-bomb limit."""
    open_item_image(value, item_id, decode=False)


def check_item_images(doc: dict[str, Any], image_columns: tuple[str, ...], item_id: object) -> None:
    """:func:`check_image_header` for every image of the document's image columns."""
    for column in image_columns:
        value = doc.get(column)
        for one in value if isinstance(value, (list, tuple)) else [value]:
            check_image_header(one, item_id)
