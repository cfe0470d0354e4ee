"""VQAv2 validation (lmms-lab-encoder/VQAv2, split validation): open questions scored with VQA soft
accuracy against the ten human answers. Several questions share an image: clustered by image."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, clustered_item


@register
class VQAv2Adapter(LmmsTaskAdapter):
    name = "vqav2_val"
    full_items = 214_354  # VQAv2 val questions (the VQAv2 paper / visualqa.org v2 val)
    base_module = "vqav2.utils"
    base_doc_to_text = "vqav2_doc_to_text"
    base_doc_to_visual = "vqav2_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"vqav2_{doc['question_id']}"
        answers = [entry["answer"] for entry in doc.get("answers") or []]
        if not answers:
            raise ItemError(f"item {pair_id}: no answers")
        return clustered_item(pair_id, str(doc.get("answer_type") or "vqa"), "vqa", answers, doc["image"])
