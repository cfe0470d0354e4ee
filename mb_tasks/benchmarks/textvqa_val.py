"""TextVQA validation (lmms-lab-encoder/textvqa, split validation): reading text in the image, scored
with VQA soft accuracy against the ten human answers; clustered by image."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, clustered_item


@register
class TextVQAAdapter(LmmsTaskAdapter):
    name = "textvqa_val"
    full_items = 5_000  # TextVQA val (the TextVQA paper: 5,000 val questions)
    base_module = "textvqa.utils"
    base_doc_to_text = "textvqa_doc_to_text"
    base_doc_to_visual = "textvqa_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"textvqa_{doc['question_id']}"
        answers = list(doc.get("answers") or [])
        if not answers:
            raise ItemError(f"item {pair_id}: no answers")
        return clustered_item(pair_id, "textvqa", "vqa", answers, doc["image"])
