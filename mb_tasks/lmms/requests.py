"""Each variant's request: its images (``doc_to_visual``) and its prompt (``doc_to_text``).

| variant | images | text |
|---|---|---|
| original | the base images | the base prompt |
| no_image | none (gray, original size, under ``gray_image``) | base prompt, placeholders removed if none |
| blank / noise | gray (128) / seeded Gaussian noise of the original size | base prompt |
| mismatch | the donor item's images | base prompt |
| misleading_hint / consistent_hint | the base images | hint, newline, base prompt |
| misleading_hint_no_image | as no_image | hint, newline, prompt as no_image |
| counterfactual | the native counterfactual's images | base prompt |

An image that fails to decode here (a header check at expansion passed) is reported by item and the
item's records are marked ``skipped`` (see :mod:`mb_tasks.lmms.results`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from loguru import logger
from PIL import Image

from mb_tasks.lmms.expansion import NO_IMAGE_VARIANTS
from mb_tasks.lmms.settings import GRAY_IMAGE
from mb_tasks.lmms.sources import item_of, source_of
from mb_tasks.parsing.score import scoring_target
from mb_tasks.variants import blank_like, noise_like, to_rgb
from mb_tasks.variants.images import ItemImageError

#: How many items' base images stay decoded: rows are item-major, so an item's variants hit the cache.
BASE_IMAGE_CACHE = 64

#: (base_key, base_index) -> why that item's image failed to decode in this process (all the item's
#: records are skipped).
LATE_IMAGE_FAILURES: dict[tuple[str, int], str] = {}
#: (base_key, base_index, variant) -> why that row got no image (e.g. its mismatch donor failed).
LATE_ROW_FAILURES: dict[tuple[str, int, str], str] = {}


@lru_cache(maxsize=BASE_IMAGE_CACHE)
def _base_images(base_key: str, index: int, item_id: str) -> tuple[Image.Image, ...]:
    """Row ``index``'s base images as RGB, decoded (or rendered) once for all the item's variants."""
    source = source_of({"base_key": base_key})
    try:
        base_doc = source.image_doc(index, item_id)
        return tuple(to_rgb(image) for image in source.adapter.base_visual(base_doc, source.items[index]))
    except ItemImageError as error:
        LATE_IMAGE_FAILURES[(base_key, index)] = str(error)
        raise


def _variant_images(doc: dict[str, Any]) -> list[Image.Image]:
    source = source_of(doc)
    item = item_of(doc)
    variant = doc["variant"]
    if variant == "counterfactual":

        def counterfactual_row(index: int) -> dict[str, Any]:
            return source.image_doc(index, f"{item.pair_id} (counterfactual row {index})")

        base_doc = source.text_doc(doc["base_index"])  # only the counterfactual's images are decoded
        return [
            to_rgb(image)
            for image in source.adapter.counterfactual_visual(base_doc, item, counterfactual_row)
        ]
    if variant == "mismatch":
        donor = doc["donor_index"]
        return [image.copy() for image in _base_images(doc["base_key"], donor, source.items[donor].pair_id)]
    images = _base_images(doc["base_key"], doc["base_index"], item.pair_id)
    if variant in NO_IMAGE_VARIANTS or variant == "blank":
        return [blank_like(image) for image in images]
    if variant == "noise":
        return [
            noise_like(image, doc["benchmark"], doc["pair_id"], position, doc["seed"])
            for position, image in enumerate(images)
        ]
    return [image.copy() for image in images]


def doc_to_visual(doc: dict[str, Any]) -> list[Image.Image]:
    """The variant's images (RGB); ``[]`` for a text-only request."""
    if doc["variant"] in NO_IMAGE_VARIANTS and doc["blind_mode"] != GRAY_IMAGE:
        return []
    try:
        return _variant_images(doc)
    except ItemImageError as error:
        LATE_ROW_FAILURES[(doc["base_key"], doc["base_index"], doc["variant"])] = str(error)
        logger.error(
            f"modbias: {doc['benchmark']}: {error}; the records of that item and of this "
            f"{doc['pair_id']}/{doc['variant']} request are marked skipped"
        )
        return []


def doc_to_text(doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None = None) -> str:
    """The variant's prompt (the base prompt byte for byte for ``original``)."""
    source = source_of(doc)
    adapter = source.adapter
    text = adapter.base_text(source.text_doc(doc["base_index"]), lmms_eval_specific_kwargs)
    if doc["variant"] in NO_IMAGE_VARIANTS and doc["blind_mode"] != GRAY_IMAGE:
        text = adapter.no_image_text(text)
    if doc["hint_text"]:
        text = f"{doc['hint_text']}\n{text}"
    return text


def doc_to_target(doc: dict[str, Any]) -> Any:
    """What the row is scored against (``cf_target`` for a counterfactual row)."""
    item = item_of(doc)
    return scoring_target({"variant": doc["variant"], "target": item.target, "cf_target": item.cf_target})
