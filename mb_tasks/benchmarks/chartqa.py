"""ChartQA (lmms-lab-encoder/ChartQA, split test): questions about charts, scored with ChartQA's
relaxed accuracy (numbers within 5%, other answers exact); category is the human/augmented split."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_tasks import task_module


@register
class ChartQAAdapter(BenchmarkAdapter):
    name = "chartqa"

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

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        return task_module("chartqa").chartqa_doc_to_text(doc, lmms_eval_specific_kwargs)
