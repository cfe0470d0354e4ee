"""MathVista's released answers (lupantech/MathVista, ``results/<model>/output_<model>.json``): one
file per model over the 1,000 testmini items, a dict ``pid -> item`` holding the gold (``answer``,
``choices``), the model's ``response``, MathVista's normalized ``prediction`` and its judgement
``true_false``.

Records (benchmark ``mathvista_<split>``, scored by ``true_false``, ``scored_by: "source"``):
multiple-choice items are ``mcq`` with the choices as options and the gold's letter as target,
free-form ones ``open``; an item without ``true_false`` (MathVista extracted nothing) is wrong, as in
MathVista's scores. The variant is the request's (``original`` for a multimodal model,
``no_image`` for a text-only LLM or a guessing baseline that never saw the figure). An answer is
invalid when MathVista extracted none (``prediction`` null) or the response is a refusal.
"""

from __future__ import annotations

from typing import Any

from mb_tasks.importers.base import (
    ImportRequest,
    ImportResult,
    Provenance,
    conditions,
    extracted_answer,
    letter_of,
    mcq_or_open,
    source_scored,
    with_response,
)
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.records import Record

FORMAT = "mathvista"
_REQUIRED = ("answer", "question_type")


def is_true(value: Any) -> bool:
    """A source's true/false flag, given as a bool or as the text "True"/"False"."""
    return value is True or str(value).strip().lower() == "true"


def source_answer(prediction: Any, response: Any, options: list[Any] | None) -> tuple[str | None, str]:
    """(the parsed answer, or None, and why there is none): MathVista's prediction, as its choice's
    letter for a multiple-choice item."""
    answer, reason = extracted_answer(prediction, response)
    if answer is None or not options:
        return answer, reason
    return letter_of(prediction, options), "prediction matches no choice (source)"


def mathvista_record(
    pid: str, item: dict[str, Any], variant: str, source: dict[str, Any], request: ImportRequest
) -> Record:
    """The record of one MathVista item's answer."""
    options = list(item.get("choices") or []) if item["question_type"] == "multi_choice" else None
    metadata = item.get("metadata") or {}
    record: Record = {
        "benchmark": request.benchmark or f"mathvista_{metadata.get('split', 'testmini')}",
        "pair_id": str(item.get("pid", pid)),
        "variant": variant,
        "category": metadata.get("task"),
        "answer_type": mcq_or_open(options),
        "target": letter_of(item["answer"], options) if options else str(item["answer"]),
        "options": options,
    }
    with_response(record, item.get("response"), request.max_response_chars)
    record["source"] = source
    parsed, reason = source_answer(item.get("prediction"), item.get("response"), options)
    # An item MathVista never judged (no extraction, no true_false) counts as wrong, as in its scores.
    return source_scored(record, float(is_true(item.get("true_false"))), parsed, reason)


def _problem(item: dict[str, Any]) -> str | None:
    missing = [name for name in _REQUIRED if name not in item]
    if missing:
        return f"no {', '.join(missing)} (is this a MathVista output_<model>.json?)"
    if (
        item["question_type"] == "multi_choice"
        and letter_of(item["answer"], item.get("choices") or []) is None
    ):
        return f"answer {item['answer']!r} is not among the choices"
    return None


def read(request: ImportRequest) -> ImportResult:
    """Records from MathVista ``output_<model>.json`` files (the model named by ``--model``, else the
    file name)."""
    result = ImportResult()
    for path, variant in conditions(request):
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        provenance = Provenance.of(FORMAT, request, path.stem.removeprefix("output_"))
        for pid, item in source.rows:
            problem = _problem(item)
            if problem:
                result.problems.append(f"{path}: item {pid}: {problem}; skipped")
                continue
            source_of = provenance.source(path, pid)
            result.records.append(mathvista_record(str(pid), item, variant, source_of, request))
    return result
