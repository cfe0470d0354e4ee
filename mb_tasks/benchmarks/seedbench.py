"""SEED-Bench (lmms-lab-encoder/SEED-Bench, split test), image items only: four-way multiple choice
(choice_a..choice_d, gold letter); the image column is a list of images. Video items
(``data_type`` "video") are outside modbias's scope and are left out of the task."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter, mcq_item

CHOICE_COLUMNS = ("choice_a", "choice_b", "choice_c", "choice_d")


@register
class SeedBenchAdapter(LmmsTaskAdapter):
    name = "seedbench"
    full_items = 14_233  # image items of SEED-Bench's 17,990-row test split
    base_module = "seedbench.utils"
    base_doc_to_text = "seed_doc_to_text"
    base_doc_to_visual = "seed_doc_to_visual"

    def selects(self, doc: dict[str, Any]) -> bool:
        return doc.get("data_type") == "image"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["question_id"])
        options = tuple(str(doc[column]) for column in CHOICE_COLUMNS)
        target = gold_letter(doc["answer"], options, pair_id)
        return mcq_item(pair_id, doc["question_type_id"], options, target, doc["image"])
