"""Each row's lm-eval request: the lmms-eval suite's images and prompt, with one ``<image>``
placeholder per image in front of the prompt (where ``hf-multimodal`` puts the model's image tokens,
or the chat template's image parts). The prompt is the one lmms-eval builds for a model its task's
``lmms_eval_specific_kwargs`` does not list (the ``default`` entry)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from mb_tasks.lm_eval.lmms_tasks import default_prompt_kwargs
from mb_tasks.lmms.requests import doc_to_text as lmms_doc_to_text
from mb_tasks.lmms.requests import doc_to_visual

#: lm-eval's image placeholder (``lm_eval.models.hf_vlms.DEFAULT_IMAGE_PLACEHOLDER``).
IMAGE_PLACEHOLDER = "<image>"

#: The last row's images: lm-eval asks for a row's prompt and then its images, so both share one render.
_last_images: tuple[tuple[Any, ...], list[Image.Image]] | None = None


def doc_to_image(doc: dict[str, Any]) -> list[Image.Image]:
    """The variant's images (RGB; none for a text-only variant)."""
    global _last_images
    key = (doc["base_key"], doc["base_index"], doc["variant"], doc["donor_index"])
    if _last_images is None or _last_images[0] != key:
        _last_images = (key, doc_to_visual(doc))
    return list(_last_images[1])


def doc_to_text(doc: dict[str, Any]) -> str:
    """``<image>`` per image, then the lmms-eval task's prompt for the row."""
    prompt = lmms_doc_to_text(doc, default_prompt_kwargs(doc["benchmark"]))
    return IMAGE_PLACEHOLDER * len(doc_to_image(doc)) + prompt
