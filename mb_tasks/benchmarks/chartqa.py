"""ChartQA (lmms-lab-encoder/ChartQA, split test): questions about charts, scored with ChartQA's
relaxed accuracy (numbers within 5%, other answers exact); category is the human/augmented split."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter


@register
class ChartQAAdapter(LmmsTaskAdapter):
    name = "chartqa"
    full_items = 2_500  # ChartQA test: 1,250 human + 1,250 augmented (the ChartQA paper)
    base_module = "chartqa.utils"
    base_doc_to_text = "chartqa_doc_to_text"
    base_doc_to_visual = "chartqa_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"chartqa_{index}"
        if not str(doc.get("answer") or "").strip():
            raise ItemError(f"item {pair_id}: no answer")
        image_key = encoded_image_key(doc["image"])
        return Item(
            pair_id=pair_id,
            category=str(doc.get("type") or "chartqa"),
            answer_type="relaxed",
            target=str(doc["answer"]),
            image_key=image_key,
            cluster=image_key,
        )
