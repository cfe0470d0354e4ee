"""Video-MME (lmms-eval/Video-MME, split test, 2,700 items): four-way multiple choice about 900
videos of three lengths, three questions each; options written "A. text", gold letter. The videos
are the base task's: ``$HF_HOME/videomme/data/<videoID>.mp4`` (lmms-eval's own download location)."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, register
from mb_tasks.benchmarks.lmms_media import LmmsVideoAdapter, video_mcq_item
from mb_tasks.benchmarks.lmms_task import lettered_options


@register
class VideoMMEAdapter(LmmsVideoAdapter):
    name = "videomme"
    full_items = 2_700  # 900 videos x 3 questions (the Video-MME paper; lmms-eval/Video-MME test)
    subset_whole_clusters = True  # a video's three questions stay together in the lite twin
    base_module = "videomme.utils"
    base_doc_to_text = "videomme_doc_to_text"
    base_doc_to_visual = "videomme_doc_to_visual"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = str(doc["question_id"])
        options = lettered_options(doc["options"], pair_id)
        return video_mcq_item(pair_id, doc["task_type"], options, doc["answer"], doc["videoID"])
