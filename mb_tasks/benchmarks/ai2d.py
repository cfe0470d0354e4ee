"""AI2D (lmms-lab-encoder/ai2d, split test): diagram multiple choice, options as a list and the gold
as an index (a string in the dataset). Rows have no id, so the item is its row."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, indexed_choice_item


@register
class AI2DAdapter(LmmsTaskAdapter):
    name = "ai2d"
    full_items = 3_088  # ai2d test
    base_module = "ai2d.utils"
    base_doc_to_text = "ai2d_doc_to_text"
    base_doc_to_visual = "ai2d_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        return indexed_choice_item(doc, index, "options", "ai2d")
