"""CV-Bench (nyu-visionx/CV-Bench, split test): vision-centric multiple choice (count, relation,
depth, distance); the gold is "(A)"-style and the prompt already lists the choices."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter, mcq_item, non_empty_options


@register
class CVBenchAdapter(LmmsTaskAdapter):
    name = "cv_bench"
    full_items = 2_638  # CV-Bench test: 1,438 2D + 1,200 3D
    base_module = "cv_bench.utils"
    base_doc_to_text = "cv_bench_doc_to_text"
    base_doc_to_visual = "cv_bench_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["idx"])
        options = non_empty_options(doc["choices"], pair_id)
        return mcq_item(
            pair_id, doc["task"], options, gold_letter(doc["answer"], options, pair_id), doc["image"]
        )
