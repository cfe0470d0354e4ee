"""Each row's lm-eval request: the lmms-eval suite's images and prompt, with one ``<image>``
placeholder per image in front of the prompt (where ``hf-multimodal`` puts the model's image tokens,
or the chat template's image parts). The prompt is the one lmms-eval builds for a model its task's
``lmms_eval_specific_kwargs`` does not list (the ``default`` entry), under the row's no_image policy."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PIL import Image

from mb_tasks.lm_eval.lmms_tasks import default_prompt_kwargs
from mb_tasks.lm_eval.task import BLIND_MODE_COLUMN
from mb_tasks.lmms.requests import request_images, request_text
from mb_tasks.lmms.rows import EXPANSION_PROBLEMS

#: lm-eval's image placeholder (``lm_eval.models.hf_vlms.DEFAULT_IMAGE_PLACEHOLDER``).
IMAGE_PLACEHOLDER = "<image>"

RowKey = tuple[tuple[str, Any], ...]


def _row_key(doc: dict[str, Any]) -> RowKey:
    """The row as a hashable key (lists as tuples; the first row's expansion problems left out)."""
    return tuple(
        (name, tuple(value) if isinstance(value, list) else value)
        for name, value in doc.items()
        if name != EXPANSION_PROBLEMS
    )


@lru_cache(maxsize=1)
def _row_images(row: RowKey) -> tuple[Image.Image, ...]:
    """The row's images, kept for the next call: lm-eval asks for a row's prompt, then its images."""
    doc = dict(row)
    return tuple(request_images(doc, doc[BLIND_MODE_COLUMN]))


def doc_to_image(doc: dict[str, Any]) -> list[Image.Image]:
    """The variant's images (RGB; none for a text-only variant)."""
    return list(_row_images(_row_key(doc)))


def doc_to_text(doc: dict[str, Any]) -> str:
    """``<image>`` per image, then the lmms-eval task's prompt for the row."""
    prompt = request_text(doc, default_prompt_kwargs(doc["benchmark"]), doc[BLIND_MODE_COLUMN])
    return IMAGE_PLACEHOLDER * len(doc_to_image(doc)) + prompt
