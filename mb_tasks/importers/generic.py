"""Any JSONL, JSON, CSV, TSV or Excel file of per-item answers, with a column map
(``--map pair_id=qid,variant=cond,response=pred,target=gold,...``).

Record fields a column can fill: ``pair_id``, ``response`` and ``target`` (required), ``variant``
(else ``--variant``, or ``no_image`` for ``--without-image`` files; ``--variant-values
img=original,txt=no_image`` renames the source's conditions), ``benchmark`` (else ``--benchmark``,
else the file name), ``category``, ``cluster``, ``answer_type`` (else ``--answer-type``, else
inferred from the gold and options), ``options`` (a list, a JSON list or texts separated by "|";
else columns ``A``, ``B``, ...; a one-letter gold without any gets the letters of ``--choices``),
``parsed`` and ``score``. With a ``score`` column the source's scores are kept (``scored_by:
"source"``); without one ``modbias report`` parses and scores the answers. A row whose variant is not
a modbias variant, or that lacks a required value, is reported and skipped.
"""

from __future__ import annotations

from typing import Any

from mb_tasks.importers.answers import answer_type_of, letter_options, listed_options, mcq_options
from mb_tasks.importers.base import (
    ImportRequest,
    ImportResult,
    Provenance,
    conditions,
    source_scored,
    with_response,
)
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.records import ALL_VARIANTS, Record

FORMAT = "generic"
REQUIRED_FIELDS = ("pair_id", "response", "target")
MAPPABLE_FIELDS = (
    *REQUIRED_FIELDS,
    *("variant", "benchmark", "category", "cluster", "answer_type", "options", "parsed", "score"),
)


def mapped_values(row: dict[str, Any], column_map: dict[str, str]) -> dict[str, Any]:
    """Each mapped field's value in ``row`` (fields whose column the row lacks are left out)."""
    return {field: row[column] for field, column in column_map.items() if column in row}


def generic_record(
    row: dict[str, Any], variant: str, benchmark: str, source: dict[str, Any], request: ImportRequest
) -> Record:
    """The record of one row, from the values of its mapped columns (options also from columns A, B, ...)."""
    values = mapped_values(row, dict(request.column_map))
    options = listed_options(values.get("options")) or letter_options(row) or None
    target = values["target"]
    answer_type = answer_type_of(target, options, values.get("answer_type") or request.answer_type)
    record: Record = {
        "benchmark": str(values.get("benchmark") or benchmark),
        "pair_id": str(values["pair_id"]),
        "variant": variant,
        "category": values.get("category") or None,
        "cluster": values.get("cluster") or None,
        "answer_type": answer_type,
        "target": target,
        "options": mcq_options(answer_type, options, request.choices),
    }
    with_response(record, values["response"], request.max_response_chars)
    record["source"] = source
    if values.get("score") not in (None, ""):
        parsed = values.get("parsed")
        return source_scored(record, float(values["score"]), None if parsed in (None, "") else str(parsed))
    return record


def row_problem(values: dict[str, Any], variant: str) -> str | None:
    """Why a row cannot become a record, or None."""
    # An empty response is kept (the report counts it as an invalid answer); an empty id or gold is not.
    missing = [field for field in ("pair_id", "target") if values.get(field) in (None, "")]
    missing += [] if "response" in values else ["response"]
    if missing:
        return f"no {', '.join(missing)}"
    if variant not in ALL_VARIANTS:
        return (
            f"variant {variant!r} is not a modbias variant ({', '.join(ALL_VARIANTS)}); use --variant-values"
        )
    score = values.get("score")
    if score not in (None, ""):
        try:
            float(score)
        except (TypeError, ValueError):
            return f"score {score!r} is not a number"
    return None


def map_problem(column_map: dict[str, str]) -> str | None:
    """A problem with the column map, or None."""
    unknown = sorted(set(column_map) - set(MAPPABLE_FIELDS))
    if unknown:
        return f"--map names unknown field(s) {', '.join(unknown)}; fields: {', '.join(MAPPABLE_FIELDS)}"
    missing = [field for field in REQUIRED_FIELDS if field not in column_map]
    return f"--map must name the column of {', '.join(missing)}" if missing else None


def read(request: ImportRequest) -> ImportResult:
    """Records from files of per-item answers, through the request's column map."""
    result = ImportResult()
    column_map = dict(request.column_map)
    problem = map_problem(column_map)
    if problem:
        result.problems.append(problem)
        return result
    provenance = Provenance.of(FORMAT, request)
    for path, default_variant in conditions(request):
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        for number, row in source.rows:
            values = mapped_values(row, column_map)
            variant = str(values.get("variant") or default_variant)
            variant = request.variant_values.get(variant, variant)
            problem = row_problem(values, variant)
            if problem:
                result.problems.append(f"{path}:{number}: {problem}; skipped")
                continue
            benchmark = request.benchmark or path.stem
            source_of = provenance.source(path, number)
            result.records.append(generic_record(row, variant, benchmark, source_of, request))
    return result
