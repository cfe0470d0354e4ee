"""ScienceQA-IMG (lmms-lab-encoder/ScienceQA, config ScienceQA-IMG, split test): multiple choice
with a list of choices and the gold as an index. Rows have no id, so the item is its row."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, indexed_choice_item


@register
class ScienceQAImgAdapter(LmmsTaskAdapter):
    name = "scienceqa_img"
    full_items = 2_017  # ScienceQA-IMG test
    base_module = "scienceqa.utils"
    base_doc_to_text = "sqa_doc_to_text"
    base_doc_to_visual = "sqa_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        return indexed_choice_item(
            doc, index, "choices", doc.get("category") or doc.get("subject") or "scienceqa"
        )
