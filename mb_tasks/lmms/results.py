"""``process_results``: one record per row (DESIGN.md's schema) for every metric of the task, built
from the row alone (:mod:`mb_tasks.lmms.rows`); the record once under ``record``, a
:class:`~mb_tasks.lmms.shared_record.SharedRecord` of it under every metric key.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from mb_tasks.lmms.aggregation import metric_names
from mb_tasks.lmms.expansion import NO_IMAGE_VARIANTS
from mb_tasks.lmms.policy import recorded_policy
from mb_tasks.lmms.requests import benchmark_adapter, image_failure
from mb_tasks.lmms.rows import EXPANSION_PROBLEMS, ITEM_VARIANTS, row_cf_target, row_options, row_target
from mb_tasks.lmms.shared_record import RECORD_KEY, SharedRecord
from mb_tasks.parsing import chance_level, score_answer
from mb_tasks.parsing.score import scoring_target
from mb_tasks.records import Record


@cache
def task_metric_keys(benchmark: str, variants: str, has_yesno: bool) -> tuple[str, ...]:
    """The metric keys a task reports: those its variants (a JSON list) and yes/no items allow, plus
    its benchmark's own metrics."""
    allowed = metric_names(json.loads(variants), has_yesno=has_yesno)
    return allowed + benchmark_adapter(benchmark).extra_metrics


def row_metric_keys(doc: dict[str, Any]) -> tuple[str, ...]:
    """The metric keys of the row's task (from the task's variants and yes/no items the row carries)."""
    return task_metric_keys(doc["benchmark"], doc["task_variants"], bool(doc["task_has_yesno"]))


def build_record(doc: dict[str, Any], response: Any, blind_mode: str) -> Record:
    """The record of one answered row, scored with the parsing package's ``score_answer``: with how
    many rows its item has (``item_variants``), on the task's first row what the expansion left out
    (``expansion_problems``), the no_image policy ``blind_mode`` on the no-image variants, and
    ``skipped`` when the row's images fail to decode."""
    options = row_options(doc)
    record: Record = {
        "benchmark": doc["benchmark"],
        "pair_id": doc["pair_id"],
        "variant": doc["variant"],
        "category": doc["category"],
        "cluster": doc["cluster"],
        "answer_type": doc["answer_type"],
        "target": row_target(doc),
        "options": list(options) if options is not None else None,
    }
    if doc["cf_target"] is not None:
        record["cf_target"] = row_cf_target(doc)
    if doc["hint_answer"] is not None:
        record["hint_answer"] = doc["hint_answer"]
        record["hint_template"] = doc["hint_template"]
    if doc["variant"] in NO_IMAGE_VARIANTS:
        record["blind_mode"] = blind_mode
    scored = score_answer(response, doc["answer_type"], scoring_target(record), options)
    record.update(
        response="" if response is None else str(response),
        parsed=scored.parsed,
        score=scored.score,
        valid=scored.valid,
        invalid_reason=scored.invalid_reason,
        chance=chance_level(doc["answer_type"], options),
        item_variants=doc[ITEM_VARIANTS],
    )
    if doc[EXPANSION_PROBLEMS]:
        record[EXPANSION_PROBLEMS] = [dict(problem) for problem in doc[EXPANSION_PROBLEMS]]
    failure = image_failure(doc)
    if failure is not None:
        record["skipped"] = failure
    return record


def process_results(doc: dict[str, Any], results: list[Any]) -> dict[str, Any]:
    """The row's record under ``record``, and a :class:`SharedRecord` of it under every metric key."""
    record = build_record(doc, results[0] if results else None, recorded_policy(doc))
    shared = SharedRecord(record)
    return {RECORD_KEY: record, **dict.fromkeys(row_metric_keys(doc), shared)}
