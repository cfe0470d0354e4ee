"""MMAU test-mini (lmms-lab-audio/mmau, split test_mini, 1,000 items): multiple-choice questions on
sound, music and speech recordings (the ``task`` column); ``choices`` is a JSON list of option texts
and the gold is one of them, as text."""

from __future__ import annotations

import json
import string
from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_media import LmmsAudioAdapter
from mb_tasks.benchmarks.lmms_task import non_empty_options


@register
class MMAUAdapter(LmmsAudioAdapter):
    name = "mmau"
    full_items = 1_000  # MMAU test-mini (the MMAU paper; lmms-lab-audio/mmau test_mini)
    base_module = "mmau.utils"
    base_doc_to_text = "doc_to_text"
    base_doc_to_visual = "doc_to_audio"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["id"])
        try:
            choices = json.loads(doc["choices"])
        except (TypeError, ValueError):
            raise ItemError(f"item {pair_id}: choices {doc['choices']!r} is not a JSON list") from None
        options = non_empty_options(choices if isinstance(choices, list) else [], pair_id)
        matches = [
            i for i, text in enumerate(options) if text.strip().lower() == str(doc["answer"]).strip().lower()
        ]
        if len(matches) != 1:
            raise ItemError(f"item {pair_id}: answer {doc['answer']!r} is not exactly one of the choices")
        return Item(
            pair_id=pair_id,
            category=str(doc["task"]),
            answer_type="mcq",
            target=string.ascii_uppercase[matches[0]],
            image_key=encoded_image_key(doc["audio"]),
            options=options,
        )
