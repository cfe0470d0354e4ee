"""SEED-Bench (lmms-lab-encoder/SEED-Bench, split test), image items only: four-way multiple choice
(choice_a..choice_d, gold letter); the image column is a list of images. Video items
(``data_type`` "video") are outside modbias's scope and are left out of the task."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter

CHOICE_COLUMNS = ("choice_a", "choice_b", "choice_c", "choice_d")


@register
class SeedBenchAdapter(LmmsTaskAdapter):
    name = "seedbench"
    base_module = "seedbench.utils"
    base_doc_to_text = "seed_doc_to_text"
    base_doc_to_visual = "seed_doc_to_visual"

    def selects(self, doc: dict[str, Any]) -> bool:
        return doc.get("data_type") == "image"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["question_id"])
        options = tuple(str(doc[column]) for column in CHOICE_COLUMNS)
        return Item(
            pair_id=pair_id,
            category=str(doc["question_type_id"]),
            answer_type="mcq",
            target=gold_letter(doc["answer"], options, pair_id),
            image_key=encoded_image_key(doc["image"]),
            options=options,
        )
