"""HallusionBench's released model answers (tianyi-lab/HallusionBench, ``HallusionBench.json`` at
commit 7c6d737, the last with GPT-4V's answers): yes/no questions asked with no figure
(``visual_input`` 0), the original figure (1) or an edited figure (2), scored by a human label
(``gpt4v_output_human_check``: 1 correct, 0 wrong, 2 uncertain).

Records (benchmark ``hallusionbench``, scored by the human label, ``scored_by: "source"``):
- every question with a figure is an item of its own, variant ``original`` (pair_id
  ``category/subcategory/set/fig<figure>/q<question>``, like modbias's hallusion_bench_image task);
- the no-figure question becomes the ``no_image`` record of the same question on the original figure
  when the two have the same gold; otherwise (its set has no original figure, or the texts ask
  different things) it is an item of its own with only ``no_image``;
- an original-figure item's ``counterfactual`` is the first edited figure of its set on which the same
  question has the other gold (modbias's hallusion_bench_image rule), scored against ``cf_target``.
An uncertain answer is ``valid: false`` (it scores 0; HallusionBench counts it correct only for
no-figure questions, which the published accuracies do). The release repeats one set's keys
(``VS/chart/10``, later renumbered 21): the repeat gets the set id ``10#2``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mb_tasks.importers.base import ImportRequest, ImportResult, Provenance, source_scored, with_response
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.records import Record

FORMAT = "hallusionbench"
BENCHMARK = "hallusionbench"
MODEL = "GPT-4V (Sep 25, 2023)"
RESPONSE_FIELD, LABEL_FIELD = "gpt4v_output", "gpt4v_output_human_check"
_GOLD = {"1": "yes", "0": "no"}
_OTHER = {"yes": "no", "no": "yes"}
_KEY_FIELDS = ("category", "subcategory", "set_id", "figure_id", "question_id")
NO_FIGURE, ORIGINAL_FIGURE, EDITED_FIGURE = "0", "1", "2"


def row_key(row: dict[str, Any]) -> tuple[str, ...]:
    """(category, subcategory, set, figure, question) of a source row, stripped."""
    return tuple(str(row[name]).strip() for name in _KEY_FIELDS)


def question_key(row: dict[str, Any]) -> tuple[str, ...]:
    """(category, subcategory, set, question): the same question on every figure of its set."""
    category, subcategory, set_id, _, question = row_key(row)
    return (category, subcategory, set_id, question)


def with_unique_sets(rows: list[tuple[int | str, dict[str, Any]]]) -> list[tuple[int | str, dict[str, Any]]]:
    """The rows, a repeated (category, subcategory, set, figure, question) key moved to set ``<set>#<n>``."""
    seen: Counter[tuple[str, ...]] = Counter()
    unique = []
    for number, row in rows:
        key = row_key(row)
        copy = seen[key]
        seen[key] += 1
        unique.append((number, {**row, "set_id": f"{key[2]}#{copy + 1}"} if copy else row))
    return unique


def pair_id(row: dict[str, Any], figure: str | None = None) -> str:
    """``category/subcategory/set/fig<figure>/q<question>`` (``figure`` overrides the row's)."""
    category, subcategory, set_id, own_figure, question = row_key(row)
    return f"{category}/{subcategory}/{set_id}/fig{figure or own_figure}/q{question}"


def parsed_answer(label: str, gold: str) -> str | None:
    """The answer a human label implies: the gold when correct (1), the other when wrong (0), else None."""
    return {"1": gold, "0": _OTHER[gold]}.get(label)


def question_record(
    row: dict[str, Any], item: str, variant: str, source: dict[str, Any], request: ImportRequest
) -> Record:
    """The record of one question, scored by its human label."""
    category, subcategory, set_id, *_ = row_key(row)
    gold = _GOLD[str(row["gt_answer"]).strip()]
    label = str(row[LABEL_FIELD]).strip()
    record: Record = {
        "benchmark": request.benchmark or BENCHMARK,
        "pair_id": item,
        "variant": variant,
        "category": f"{category}_{subcategory}",
        "cluster": f"{category}/{subcategory}/{set_id}",
        "answer_type": "yesno",
        "target": gold,
    }
    with_response(record, row.get(RESPONSE_FIELD), request.max_response_chars)
    record["source"] = source
    return source_scored(record, float(label == "1"), parsed_answer(label, gold), "uncertain (human label 2)")


def _problem(row: dict[str, Any]) -> str | None:
    missing = [name for name in (*_KEY_FIELDS, "visual_input", "gt_answer", LABEL_FIELD) if name not in row]
    if missing:
        return f"no {', '.join(missing)}"
    if not str(row["figure_id"]).strip().isdigit():
        return f"figure_id {row['figure_id']!r} is not a number"
    if str(row["gt_answer"]).strip() not in _GOLD:
        return f"gt_answer {row['gt_answer']!r} is neither '0' nor '1'"
    if str(row[LABEL_FIELD]).strip() not in ("0", "1", "2"):
        return f"{LABEL_FIELD} {row[LABEL_FIELD]!r} is not 0, 1 or 2"
    if str(row["visual_input"]).strip() not in (NO_FIGURE, ORIGINAL_FIGURE, EDITED_FIGURE):
        return f"visual_input {row['visual_input']!r} is not 0, 1 or 2"
    return None


def hallusionbench_records(
    rows: list[tuple[int | str, dict[str, Any]]], file: str, request: ImportRequest
) -> ImportResult:
    """The records of HallusionBench rows (see the module docstring for the pairing)."""
    result = ImportResult()
    provenance = Provenance.of(FORMAT, request, MODEL)
    usable = []
    for number, row in with_unique_sets(rows):
        problem = _problem(row)
        if problem:
            result.problems.append(f"{file}: entry {number}: {problem}; skipped")
        else:
            usable.append((number, row))
    questions: dict[tuple[str, ...], list[tuple[int | str, dict[str, Any]]]] = {}
    for number, row in usable:
        questions.setdefault(question_key(row), []).append((number, row))
    for members in questions.values():
        result.records.extend(_question_records(members, file, request, provenance))
    return result


def _gold(member: tuple[int | str, dict[str, Any]]) -> str:
    return str(member[1]["gt_answer"]).strip()


def _question_records(
    members: list[tuple[int | str, dict[str, Any]]], file: str, request: ImportRequest, provenance: Provenance
) -> list[Record]:
    """The records of one question asked on each figure of its set (and without one)."""
    by_input: dict[str, list[tuple[int | str, dict[str, Any]]]] = {}
    for number, row in sorted(members, key=lambda member: int(row_key(member[1])[3])):
        by_input.setdefault(str(row["visual_input"]).strip(), []).append((number, row))
    originals, edited = by_input.get(ORIGINAL_FIGURE, []), by_input.get(EDITED_FIGURE, [])
    records = [
        question_record(row, pair_id(row), "original", provenance.source(file, number), request)
        for number, row in originals + edited
    ]
    original = originals[0] if originals else None
    for number, row in by_input.get(NO_FIGURE, []):
        paired = original is not None and _gold(original) == _gold((number, row))
        item = pair_id(original[1] if paired else row)
        records.append(question_record(row, item, "no_image", provenance.source(file, number), request))
    flipped = [member for member in edited if original is not None and _gold(member) != _gold(original)]
    if original is not None and flipped:
        number, row = flipped[0]
        source = provenance.source(file, number)
        record = question_record(row, pair_id(original[1]), "counterfactual", source, request)
        record["cf_target"], record["target"] = record["target"], _OTHER[record["target"]]
        records.append(record)
    return records


def read(request: ImportRequest) -> ImportResult:
    """Records from each ``HallusionBench.json`` (with the model's answer and label columns)."""
    result = ImportResult()
    for path in request.paths:
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        result.extend(hallusionbench_records(source.rows, str(path), request))
    return result
