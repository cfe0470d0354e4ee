"""VLMEvalKit prediction files (``<model>_<dataset>.xlsx`` / ``.tsv``, what Open VLM Leaderboard runs
write): one row per question with ``index``, ``question``, the options in columns ``A``, ``B``, ...,
``answer``, ``prediction`` and ``category`` (and often ``l2-category``, ``hint``).

Records (benchmark ``--benchmark``, else the with-image file's name without the model prefix; left
unscored: ``modbias report`` parses the predictions): ``pair_id`` is the row's ``index``, so a
with-image file (variant ``original``) and a without-image file of the same model
(``--without-image``, variant ``no_image``) become one paired benchmark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mb_tasks.importers.answers import answer_type_of, letter_options, mcq_options
from mb_tasks.importers.base import ImportRequest, ImportResult, Provenance, conditions, with_response
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.records import Record

FORMAT = "vlmevalkit"
REQUIRED_COLUMNS = ("index", "answer", "prediction")


def benchmark_name(path: Path, model: str | None) -> str:
    """The benchmark a prediction file is about: its name, less a leading ``<model>_``."""
    stem = path.stem
    if model and stem.startswith(f"{model}_"):
        stem = stem[len(model) + 1 :]
    return stem.lower()


def vlmevalkit_record(
    row: dict[str, Any], variant: str, benchmark: str, source: dict[str, Any], request: ImportRequest
) -> Record:
    """The record of one prediction row."""
    options = letter_options(row) or None
    target = str(row["answer"]).strip()
    answer_type = answer_type_of(target, options, request.answer_type)
    record: Record = {
        "benchmark": benchmark,
        "pair_id": str(row["index"]).strip(),
        "variant": variant,
        "category": row.get("category") or None,
        "answer_type": answer_type,
        "target": target,
        "options": mcq_options(answer_type, options, request.choices),
    }
    with_response(record, row.get("prediction"), request.max_response_chars)
    record["source"] = source
    return record


def read(request: ImportRequest) -> ImportResult:
    """Records from VLMEvalKit prediction files (all files one benchmark, so that they pair)."""
    result = ImportResult()
    files = conditions(request)
    benchmark = request.benchmark or (benchmark_name(files[0][0], request.model) if files else "")
    for path, variant in files:
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        columns = set(source.rows[0][1]) if source.rows else set()
        missing = [name for name in REQUIRED_COLUMNS if source.rows and name not in columns]
        if missing:
            result.problems.append(
                f"{path}: no column {', '.join(missing)}; not a VLMEvalKit prediction file"
            )
            continue
        provenance = Provenance.of(FORMAT, request)
        for number, row in source.rows:
            if not str(row["index"]).strip() or not str(row["answer"]).strip():
                result.problems.append(f"{path}:row {number}: no index or no answer; skipped")
                continue
            record = vlmevalkit_record(row, variant, benchmark, provenance.source(path, number), request)
            result.records.append(record)
    return result
