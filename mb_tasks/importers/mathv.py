"""MATH-Vision's released answers (mathllm/MATH-V, ``outputs/**/<model>.jsonl``): one line per item
(``id``, ``response``, the extracted ``model_answer`` and MATH-V's judgement ``correct``); golds,
options and subjects come from the benchmark's ``data/test.jsonl`` (``--data``, else found by
walking up from the output file to a folder holding ``data/<split>.jsonl``).

Records (benchmark ``mathv_<split>``, scored by ``correct``, ``scored_by: "source"``): items with
options are ``mcq`` (letters A-E, target the gold letter), the others ``open``. The variant is the
request's (``no_image`` for the text-only LLM and the random baseline). An answer is invalid when
MATH-V extracted none, an mcq answer is no option letter, or the response is a refusal.
"""

from __future__ import annotations

from pathlib import Path
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
from mb_tasks.importers.mathvista import is_true
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.parsing import choice_letters
from mb_tasks.records import Record

FORMAT = "mathv"
SPLITS = ("test", "testmini")


def data_file(output: Path, given: Path | None) -> Path | None:
    """The benchmark file for an output file: ``given``, else ``data/test.jsonl`` (or testmini) in the
    nearest folder above ``output`` that has one."""
    if given is not None:
        return given
    for folder in output.resolve().parents:
        for split in SPLITS:
            if (folder / "data" / f"{split}.jsonl").is_file():
                return folder / "data" / f"{split}.jsonl"
    return None


def source_answer(answer: Any, response: Any, options: list[Any]) -> tuple[str | None, str]:
    """(the parsed answer, or None, and why there is none): MATH-V's extracted answer; for a
    multiple-choice item its option letter (given as the letter, or as the option's text)."""
    text, reason = extracted_answer(answer, response)
    if text is None or not options:
        return text, reason
    if text.upper() in choice_letters(len(options)) and len(text) == 1:
        return text.upper(), ""
    return letter_of(text, options), "no option letter"


def mathv_record(
    item: dict[str, Any],
    answer: dict[str, Any],
    variant: str,
    source: dict[str, Any],
    request: ImportRequest,
    split: str = "test",
) -> Record:
    """The record of one MATH-V item's answer (``item`` from the data file of ``split``, ``answer`` the
    output line)."""
    options = list(item.get("options") or [])
    record: Record = {
        "benchmark": request.benchmark or f"mathv_{split}",
        "pair_id": str(item["id"]),
        "variant": variant,
        "category": item.get("subject"),
        "answer_type": mcq_or_open(options),
        "target": str(item["answer"]),
        "options": options or None,
    }
    with_response(record, answer.get("response"), request.max_response_chars)
    record["source"] = source
    parsed, reason = source_answer(answer.get("model_answer"), answer.get("response"), options)
    return source_scored(record, float(is_true(answer.get("correct"))), parsed, reason)


def _items(path: Path | None, result: ImportResult) -> dict[str, dict[str, Any]]:
    if path is None:
        return {}
    rows = read_source_rows(path)
    result.problems.extend(rows.problems)
    return {str(row["id"]): row for _, row in rows.rows if "id" in row and "answer" in row}


def read(request: ImportRequest) -> ImportResult:
    """Records from MATH-V output files (the model named by ``--model``, else the file name)."""
    result = ImportResult()
    for path, variant in conditions(request):
        data = data_file(path, request.data)
        items = _items(data, result)
        if data is None or not items:
            result.problems.append(f"{path}: no benchmark items to score it against (give --data); skipped")
            continue
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        provenance = Provenance.of(FORMAT, request, path.stem)
        for number, answer in source.rows:
            item = items.get(str(answer.get("id")))
            if item is None:
                result.problems.append(f"{path}:{number}: id {answer.get('id')!r} is not in {data}; skipped")
                continue
            source_of = provenance.source(path, number)
            result.records.append(mathv_record(item, answer, variant, source_of, request, data.stem))
    return result
