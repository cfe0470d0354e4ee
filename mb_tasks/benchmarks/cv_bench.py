"""CV-Bench (nyu-visionx/CV-Bench, split test): vision-centric multiple choice (count, relation,
depth, distance); the gold is "(A)"-style and the prompt already lists the choices."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter, non_empty_options


@register
class CVBenchAdapter(LmmsTaskAdapter):
    name = "cv_bench"
    base_module = "cv_bench.utils"
    base_doc_to_text = "cv_bench_doc_to_text"
    base_doc_to_visual = "cv_bench_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["idx"])
        options = non_empty_options(doc["choices"], pair_id)
        return Item(
            pair_id=pair_id,
            category=str(doc["task"]),
            answer_type="mcq",
            target=gold_letter(doc["answer"], options, pair_id),
            image_key=encoded_image_key(doc["image"]),
            options=options,
        )
