"""TempCompass (lmms-eval/TempCompass, config multi-choice, split test, 1,580 items): temporal
multiple choice (speed, direction, action, order, attribute change: the ``dim`` column) about 410
videos; the options are the question's lines after the first ("A. text"), the gold is "A. text".
The videos are the base task's: ``$HF_HOME/tempcompass/videos/<video_id>.mp4`` (lmms-eval's utils
read ``HF_HOME`` when imported: it must be set)."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_media import LmmsVideoAdapter, video_mcq_item
from mb_tasks.benchmarks.lmms_task import lettered_options


@register
class TempCompassAdapter(LmmsVideoAdapter):
    name = "tempcompass"
    full_items = 1_580  # lmms-lab/TempCompass dataset card, config multi-choice, split test
    subset_whole_clusters = True  # a video's questions stay together in the lite twin
    base_module = "tempcompass.utils"
    base_doc_to_text = "tempcompass_doc_to_text_multi_choice"
    base_doc_to_visual = "tempcompass_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"{doc['video_id']}_{index}"
        options = lettered_options(str(doc["question"]).split("\n")[1:], pair_id)
        gold = str(doc["answer"]).split(".")[0]
        return video_mcq_item(pair_id, doc["dim"], options, gold, doc["video_id"])
