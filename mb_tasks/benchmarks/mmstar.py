"""MMStar (Lin-Chen/MMStar, split val): four-way multiple choice with the options inside the question."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter, inline_options, mcq_item


@register
class MMStarAdapter(LmmsTaskAdapter):
    name = "mmstar"
    full_items = 1_500  # Lin-Chen/MMStar val
    base_module = "mmstar.utils"
    base_doc_to_text = "mmstar_doc_to_text"
    base_doc_to_visual = "mmstar_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["index"])
        options = inline_options(doc["question"], pair_id)
        return mcq_item(
            pair_id, doc["category"], options, gold_letter(doc["answer"], options, pair_id), doc["image"]
        )
