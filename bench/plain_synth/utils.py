"""The plain comparison task of bench/overhead.py: pre-rendered requests, nothing lazy."""

from mb_tasks.parsing import score_answer


def doc_to_visual(doc):
    if doc["image"] is not None:
        return [doc["image"].convert("RGB")]
    return [doc["video"]] if doc.get("video") else []


def doc_to_text(doc):
    return doc["text"]


def process_results(doc, results):
    scored = score_answer(results[0], doc["answer_type"], doc["target"], doc["options"] or None)
    return {"acc": scored.score}
