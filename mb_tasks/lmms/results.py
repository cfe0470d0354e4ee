"""``process_results``: one record per row (DESIGN.md's schema) for every metric of the task.

lmms-eval writes every value ``process_results`` returns into each sample log line, so handing the
record dict to each of ~50 metric keys would repeat it ~50 times per line. The record is therefore
returned once, under ``record`` (what ``modbias report`` reads), and each metric key gets a
:class:`SharedRecord` pointing at it, which the aggregations unwrap and the log shows as "record".
"""

from __future__ import annotations

from typing import Any

from mb_tasks.lmms.expansion import EXPANSION_PROBLEMS, ITEM_VARIANTS
from mb_tasks.lmms.requests import LATE_IMAGE_FAILURES, LATE_ROW_FAILURES
from mb_tasks.lmms.sources import item_of
from mb_tasks.parsing import chance_level, score_answer
from mb_tasks.parsing.score import scoring_target
from mb_tasks.records import Record

#: base_key -> the metric keys its task reports (set by process_docs in this process).
TASK_METRICS: dict[str, tuple[str, ...]] = {}


def build_record(doc: dict[str, Any], response: Any) -> Record:
    """The record of one answered row, scored with the parsing package's ``score_answer``: with how
    many rows its item has (``item_variants``) and, on the task's first row, what the expansion left
    out (``expansion_problems``)."""
    item = item_of(doc)
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
        item_variants=doc[ITEM_VARIANTS],
    )
    if doc.get(EXPANSION_PROBLEMS):
        record[EXPANSION_PROBLEMS] = [dict(problem) for problem in doc[EXPANSION_PROBLEMS]]
    failure = LATE_IMAGE_FAILURES.get((doc["base_key"], doc["base_index"])) or LATE_ROW_FAILURES.get(
        (doc["base_key"], doc["base_index"], doc["variant"])
    )
    if failure is not None:
        record["skipped"] = failure
    return record


#: The process_results key holding the record itself (not a metric: it has no aggregation).
RECORD_KEY = "record"


class SharedRecord:
    """A metric key's value: the row's record, shown as "record" in sample logs."""

    __slots__ = ("record",)

    def __init__(self, record: Record) -> None:
        self.record = record

    def __str__(self) -> str:
        return RECORD_KEY

    def __reduce__(self) -> tuple[type, tuple[Record]]:
        return (SharedRecord, (self.record,))


def process_results(doc: dict[str, Any], results: list[Any]) -> dict[str, Any]:
    """The row's record under ``record``, and a :class:`SharedRecord` of it under every metric key."""
    record = build_record(doc, results[0] if results else None)
    shared = SharedRecord(record)
    return {RECORD_KEY: record, **dict.fromkeys(TASK_METRICS[doc["base_key"]], shared)}
