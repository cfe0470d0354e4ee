"""ChartQA (lmms-lab-encoder/ChartQA, split test): questions about charts, scored with ChartQA's
relaxed accuracy (numbers within 5%, other answers exact); category is the human/augmented split."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, clustered_item


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
        return clustered_item(
            pair_id, str(doc.get("type") or "chartqa"), "relaxed", str(doc["answer"]), doc["image"]
        )
