"""MMStar (Lin-Chen/MMStar, split val): four-way multiple choice with the options inside the question."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter, inline_options


@register
class MMStarAdapter(LmmsTaskAdapter):
    name = "mmstar"
    base_module = "mmstar.utils"
    base_doc_to_text = "mmstar_doc_to_text"
    base_doc_to_visual = "mmstar_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["index"])
        options = inline_options(doc["question"])
        return Item(
            pair_id=pair_id,
            category=str(doc["category"]),
            answer_type="mcq",
            target=gold_letter(doc["answer"], options, pair_id),
            image_key=encoded_image_key(doc["image"]),
            options=options,
        )
