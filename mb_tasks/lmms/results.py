"""``process_results``: one record per row (DESIGN.md's schema), under every metric key of the task."""

from __future__ import annotations

from typing import Any

from mb_tasks.lmms.requests import LATE_IMAGE_FAILURES
from mb_tasks.lmms.sources import item_from_json
from mb_tasks.parsing import chance_level, score_answer
from mb_tasks.parsing.score import scoring_target
from mb_tasks.records import Record

#: base_key -> the metric keys its task reports (set by process_docs in this process).
TASK_METRICS: dict[str, tuple[str, ...]] = {}


def build_record(doc: dict[str, Any], response: Any) -> Record:
    """The record of one answered row, scored with the parsing package's ``score_answer``."""
    item = item_from_json(doc["item"])
    record: Record = {
        "benchmark": doc["benchmark"],
        "pair_id": doc["pair_id"],
        "variant": doc["variant"],
        "category": item.category,
        "cluster": item.cluster,
        "answer_type": item.answer_type,
        "target": item.target,
        "options": list(item.options) if item.options is not None else None,
    }
    if item.cf_target is not None:
        record["cf_target"] = item.cf_target
    if doc.get("hint_answer") is not None:
        record["hint_answer"] = doc["hint_answer"]
        record["hint_template"] = doc["hint_template"]
    if doc.get("blind_mode") is not None:
        record["blind_mode"] = doc["blind_mode"]
    scored = score_answer(response, item.answer_type, scoring_target(record), item.options)
    record.update(
        response="" if response is None else str(response),
        parsed=scored.parsed,
        score=scored.score,
        valid=scored.valid,
        invalid_reason=scored.invalid_reason,
        chance=chance_level(item.answer_type, item.options),
    )
    failure = LATE_IMAGE_FAILURES.get((doc["base_key"], doc["base_index"]))
    if failure is not None:
        record["skipped"] = failure
    return record


def process_results(doc: dict[str, Any], results: list[Any]) -> dict[str, Record]:
    """The row's record under every metric key of its task (the same dict object for each)."""
    record = build_record(doc, results[0] if results else None)
    return dict.fromkeys(TASK_METRICS[doc["base_key"]], record)
