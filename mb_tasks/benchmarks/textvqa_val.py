"""TextVQA validation (lmms-lab-encoder/textvqa, split validation): reading text in the image, scored
with VQA soft accuracy against the ten human answers; clustered by image."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_tasks import task_module


@register
class TextVQAAdapter(BenchmarkAdapter):
    name = "textvqa_val"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"textvqa_{doc['question_id']}"
        answers = list(doc.get("answers") or [])
        if not answers:
            raise ItemError(f"item {pair_id}: no answers")
        image_key = encoded_image_key(doc["image"])
        return Item(
            pair_id=pair_id,
            category="textvqa",
            answer_type="vqa",
            target=answers,
            image_key=image_key,
            cluster=image_key,
        )

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        return task_module("textvqa").textvqa_doc_to_text(doc, lmms_eval_specific_kwargs)
