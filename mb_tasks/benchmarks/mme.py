"""MME (lmms-lab-encoder/MME, split test): yes/no questions, two per image (``question_id`` names
the image), so items are clustered by image. The item is its row (question_id is shared)."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, yes_no_gold


@register
class MMEAdapter(LmmsTaskAdapter):
    name = "mme"
    full_items = 2_374  # MME test: 1,187 images x 2 questions
    base_module = "mme.utils"
    base_doc_to_text = "mme_doc_to_text"
    base_doc_to_visual = "mme_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        image = str(doc["question_id"])
        pair_id = f"{image}#{index}"
        return Item(
            pair_id=pair_id,
            category=str(doc["category"]),
            answer_type="yesno",
            target=yes_no_gold(doc["answer"], pair_id),
            image_key=encoded_image_key(doc["image"]),
            cluster=image,
        )
