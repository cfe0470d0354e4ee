"""AI2D (lmms-lab-encoder/ai2d, split test): diagram multiple choice, options as a list and the gold
as an index (a string in the dataset). Rows have no id, so the item is its row."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, non_empty_options, option_letter


@register
class AI2DAdapter(LmmsTaskAdapter):
    name = "ai2d"
    base_module = "ai2d.utils"
    base_doc_to_text = "ai2d_doc_to_text"
    base_doc_to_visual = "ai2d_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(index)
        options = non_empty_options(doc["options"], pair_id)
        return Item(
            pair_id=pair_id,
            category="ai2d",
            answer_type="mcq",
            target=option_letter(doc["answer"], len(options), pair_id),
            image_key=encoded_image_key(doc["image"]),
            options=options,
        )
