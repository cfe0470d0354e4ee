"""POPE (lmms-lab-encoder/POPE, split test): yes/no object-existence questions; several questions
per COCO image, so items are clustered by image."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, clustered_item, yes_no_gold


@register
class PopeAdapter(LmmsTaskAdapter):
    name = "pope"
    full_items = 9_000  # lmms-lab POPE test: 3 settings x 3000
    base_module = "pope.utils"
    base_doc_to_text = "pope_doc_to_text"
    base_doc_to_visual = "pope_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        # question_id restarts in each sampling setting (adversarial/popular/random) of the split.
        category = str(doc.get("category") or "pope")
        pair_id = f"{category}/{doc['question_id']}"
        return clustered_item(pair_id, category, "yesno", yes_no_gold(doc["answer"], pair_id), doc["image"])
