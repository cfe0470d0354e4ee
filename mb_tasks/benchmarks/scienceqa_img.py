"""ScienceQA-IMG (lmms-lab-encoder/ScienceQA, config ScienceQA-IMG, split test): multiple choice
with a list of choices and the gold as an index. Rows have no id, so the item is its row."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, non_empty_options, option_letter


@register
class ScienceQAImgAdapter(LmmsTaskAdapter):
    name = "scienceqa_img"
    base_module = "scienceqa.utils"
    base_doc_to_text = "sqa_doc_to_text"
    base_doc_to_visual = "sqa_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(index)
        options = non_empty_options(doc["choices"], pair_id)
        return Item(
            pair_id=pair_id,
            category=str(doc.get("category") or doc.get("subject") or "scienceqa"),
            answer_type="mcq",
            target=option_letter(doc["answer"], len(options), pair_id),
            image_key=encoded_image_key(doc["image"]),
            options=options,
        )
