"""lmms-eval (and lm-eval) ``--log_samples`` files of standard tasks, e.g. a ``mmstar`` run and a run
of the same task without images: one JSON line per document with ``doc_id``, ``doc`` (its text
fields), ``target`` and the model's ``resps`` / ``filtered_resps``.

Records (benchmark ``--benchmark``, else the task named in the file name; left unscored: ``modbias
report`` parses the answers): ``pair_id`` is the ``doc_id`` (or the ``doc`` field given by
``--map pair_id=FIELD``), so the with-image run (``original``) and the without-image run
(``--without-image``, ``no_image``) pair. Options come from the doc's ``A``, ``B``, ... fields, else
are the letters of ``--choices`` for a multiple-choice gold; ``--map target=FIELD`` or
``category=FIELD`` take those from the doc. Lines that already hold a modbias record are reported
(read those files with ``modbias report``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mb_tasks.importers.answers import answer_type_of, letter_options, mcq_options
from mb_tasks.importers.base import ImportRequest, ImportResult, Provenance, conditions, with_response
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.records import Record, is_record

FORMAT = "lmms-eval-samples"
# lmms-eval: <date>_samples_<task>.jsonl; lm-eval: samples_<task>_<date>.jsonl
_TASK_IN_NAME = re.compile(
    r"(?:^\d{8}_\d{6}_samples_(?P<lmms>.+)$)|(?:^samples_(?P<lm>.+?)_\d{4}-\d{2}-\d{2}T.*$)"
)


def task_name(path: Path) -> str:
    """The task a samples file logs, from its name (the whole name when it follows neither pattern)."""
    match = _TASK_IN_NAME.match(path.stem)
    return (match.group("lmms") or match.group("lm")) if match else path.stem


def first_text(response: Any) -> str | None:
    """The first answer text in a logged response (``resps`` nest lists: [["text"]] or ["text"])."""
    while isinstance(response, list):
        if not response:
            return None
        response = response[0]
    return None if response is None else str(response)


def sample_record(
    sample: dict[str, Any], variant: str, benchmark: str, source: dict[str, Any], request: ImportRequest
) -> Record:
    """The record of one logged sample."""
    doc = sample.get("doc") or {}
    mapped = {field: doc.get(column) for field, column in request.column_map.items()}
    target = str(mapped.get("target", sample.get("target"))).strip()
    options = letter_options(doc) or None
    answer_type = answer_type_of(target, options, request.answer_type)
    options = mcq_options(answer_type, options, request.choices)
    record: Record = {
        "benchmark": benchmark,
        "pair_id": str(mapped.get("pair_id", sample["doc_id"])),
        "variant": variant,
        "category": mapped.get("category", doc.get("category")),
        "answer_type": answer_type,
        "target": target,
        "options": options,
    }
    response = sample.get("filtered_resps", sample.get("resps"))
    with_response(record, first_text(response), request.max_response_chars)
    record["source"] = source
    return record


def _problem(sample: dict[str, Any], request: ImportRequest) -> str | None:
    if any(is_record(value) for value in sample.values()):
        return "holds a modbias record (a modbias task's log): read it with modbias report"
    if "doc_id" not in sample:
        return "no doc_id: not an lmms-eval --log_samples line"
    if sample.get("target") is None and "target" not in request.column_map:
        return "no target (name the doc field holding the gold with --map target=FIELD)"
    return None


def read(request: ImportRequest) -> ImportResult:
    """Records from lmms-eval sample logs (all files one benchmark, so that they pair)."""
    result = ImportResult()
    files = conditions(request)
    benchmark = request.benchmark or (task_name(files[0][0]) if files else "")
    provenance = Provenance.of(FORMAT, request)
    for path, variant in files:
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        for number, sample in source.rows:
            problem = _problem(sample, request)
            if problem:
                result.problems.append(f"{path}:{number}: {problem}; skipped")
                continue
            record = sample_record(sample, variant, benchmark, provenance.source(path, number), request)
            result.records.append(record)
    return result
