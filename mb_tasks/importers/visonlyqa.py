"""VisOnlyQA's released answers (psunlpgroup/VisOnlyQA, ``results/model_responses/<split>/<task>/
prompt=<prompt>/<model>.jsonl``): one line per question, in the order of the benchmark file
``dataset/test/<split without "eval_">/<task>.jsonl``, which gives the id, gold and options.

Records (benchmark ``visonlyqa_<synthetic|real>``, category = the task folder (the files'
``task_category`` says "size" for the 3D angle task), cluster = image, left unscored:
``modbias report`` parses the answers as multiple choice): a ``synthetic_with_text`` answer (the
figure plus an exact text description of it, from which the answer follows) is variant
``consistent_hint`` with ``hint_template: "visonlyqa_text_description"``, any other ``original``.
Items pair on the benchmark id (``text_`` prefix dropped); a line whose gold differs from the
benchmark file's is reported and skipped (the files would be misaligned).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mb_tasks.importers.base import ImportRequest, ImportResult, Provenance, with_response
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.records import Record

FORMAT = "visonlyqa"
WITH_TEXT_SPLIT = "synthetic_with_text"
TEXT_PREFIX = "text_"
HINT_TEMPLATE = "visonlyqa_text_description"


def layout(path: Path) -> tuple[Path, str, str] | None:
    """(repository root, split, task) of a response file in VisOnlyQA's layout, or None."""
    parts = path.resolve().parts
    for position in range(len(parts) - 4):
        if parts[position : position + 2] == ("results", "model_responses"):
            split = parts[position + 2].removeprefix("eval_")
            return Path(*parts[:position]), split, parts[position + 3]
    return None


def benchmark_file(root: Path, split: str, task: str) -> Path:
    """Where the benchmark questions of ``task`` in ``split`` live in a VisOnlyQA checkout."""
    return root / "dataset" / "test" / split / f"{task}.jsonl"


def visonlyqa_record(
    question: dict[str, Any],
    answer: dict[str, Any],
    place: tuple[str, str],
    source: dict[str, Any],
    request: ImportRequest,
) -> Record:
    """The record of one answer to one benchmark question of ``place`` = (split, task)."""
    split, task = place
    with_text = split == WITH_TEXT_SPLIT
    record: Record = {
        "benchmark": request.benchmark or f"visonlyqa_{split.removesuffix('_with_text')}",
        "pair_id": str(question["id"]).removeprefix(TEXT_PREFIX),
        "variant": "consistent_hint" if with_text else "original",
        "category": task.removeprefix(TEXT_PREFIX),
        "cluster": question.get("image_path"),
        "answer_type": "mcq",
        "target": str(question["answer"]),
        "options": list(question["response_options"]),
    }
    if with_text:
        record["hint_template"] = HINT_TEMPLATE
    with_response(record, answer.get("response"), request.max_response_chars)
    record["source"] = source
    return record


def _file_records(path: Path, request: ImportRequest, result: ImportResult) -> None:
    found = layout(path)
    if found is None:
        result.problems.append(
            f"{path}: not under results/model_responses/<split>/<task>/ of a VisOnlyQA checkout; skipped"
        )
        return
    root, split, task = found
    questions = read_source_rows(benchmark_file(root, split, task))
    answers = read_source_rows(path)
    result.problems.extend(questions.problems + answers.problems)
    if questions.rows and len(questions.rows) != len(answers.rows):
        result.problems.append(
            f"{path}: {len(answers.rows)} answers for {len(questions.rows)} questions in "
            f"{questions.path}; the lines are matched in order as far as both go"
        )
    provenance = Provenance.of(FORMAT, request, path.stem)
    for (_, question), (number, answer) in zip(questions.rows, answers.rows, strict=False):
        gold = answer.get("y_true")
        if gold is not None and str(gold) != str(question.get("answer")):
            result.problems.append(
                f"{path}:{number}: gold {gold!r} differs from {question.get('answer')!r} of question "
                f"{question.get('id')} in {questions.path}; skipped"
            )
            continue
        source = provenance.source(path, number)
        result.records.append(visonlyqa_record(question, answer, (split, task), source, request))


def read(request: ImportRequest) -> ImportResult:
    """Records from VisOnlyQA response files (inside a checkout, which holds the benchmark files)."""
    result = ImportResult()
    for path in request.paths:
        _file_records(path, request, result)
    return result
