"""MMBench (lmms-lab-encoder/MMBench, config en, split dev): multiple choice with options in columns
A..E. lmms-eval scores it with a GPT judge; modbias scores the option letter like every other
multiple-choice benchmark. CircularEval copies of a question (index + k·10⁶, options rotated, same
image) form one cluster."""

from __future__ import annotations

import string
from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, gold_letter, mcq_item

#: The option columns lmms-eval's MMBench prompt reads.
OPTION_COLUMNS = "ABCDE"
#: MMBench numbers the circular copies of question i as i + k·CIRCULAR_STRIDE.
CIRCULAR_STRIDE = 1_000_000


def _given(value: Any) -> bool:
    """An option MMBench's prompt shows: present, non-empty and not NaN/"nan"."""
    return value is not None and value == value and str(value) not in ("", "nan")


@register
class MMBenchEnDevAdapter(LmmsTaskAdapter):
    name = "mmbench_en_dev"
    full_items = 4_329  # MMBench en dev, CircularEval copies included
    base_module = "mmbench.en_utils"
    base_doc_to_text = "mmbench_doc_to_text"
    base_doc_to_visual = "mmbench_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["index"])
        given = [letter for letter in OPTION_COLUMNS if _given(doc.get(letter))]
        if given != list(string.ascii_uppercase[: len(given)]) or len(given) < 2:
            raise ItemError(f"item {pair_id}: options {given} are not two or more consecutive letters from A")
        options = tuple(str(doc[letter]) for letter in given)
        target = gold_letter(doc["answer"], options, pair_id)
        cluster = str(int(doc["index"]) % CIRCULAR_STRIDE)
        return mcq_item(pair_id, doc["category"], options, target, doc["image"], cluster)
