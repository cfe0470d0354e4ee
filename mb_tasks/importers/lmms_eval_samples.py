"""lmms-eval (and lm-eval) ``--log_samples`` files of standard tasks, e.g. a ``mmstar`` run and a run
of the same task without images: one JSON line per document with ``doc_id``, ``target``, the
model's ``resps`` / ``filtered_resps``, and ``input`` (the prompt; lmms-eval 0.7) or ``doc`` (its
text fields; lm-eval and older lmms-eval).

Records (benchmark ``--benchmark``, else the task named in the file name; left unscored: ``modbias
report`` parses the answers): ``pair_id`` is the ``doc_id`` (or the ``doc`` field given by
``--map pair_id=FIELD``), so the with-image run (``original``) and the without-image run
(``--without-image``, ``no_image``) pair. Options come from the doc's ``A``, ``B``, ... fields, else
are the letters of ``--choices`` for a multiple-choice gold; ``--map target=FIELD`` or
``category=FIELD`` take those from the doc. Lines that already hold a modbias record are reported
(read those files with ``modbias report``).

``--as-original-of TASK`` (e.g. ``modbias_mmstar``) reads a standard run of TASK's base task (e.g.
``mmstar``) as TASK's ``original`` records, so that a modbias run of the other variants completes it
(:func:`read_as_original`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import datasets

from mb_tasks.importers.answers import answer_type_of, letter_options, mcq_options
from mb_tasks.importers.base import ImportRequest, ImportResult, Provenance, conditions, with_response
from mb_tasks.importers.tables import read_source_rows
from mb_tasks.lm_eval.lmms_tasks import default_prompt_kwargs
from mb_tasks.lmms import doc_to_text, process_results
from mb_tasks.lmms.rows import EXPANSION_PROBLEMS
from mb_tasks.lmms.settings import settings_from_config
from mb_tasks.lmms.task import expand_task, task_config
from mb_tasks.records import Record, is_record
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import TASK_YAMLS

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
    if request.as_original_of:
        return read_as_original(request)
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


# --as-original-of: a standard run as the original variant of a modbias task.


def logged_model(path: Path) -> str | None:
    """The lmms-eval model of the run that wrote samples file ``path`` (``config.model`` of the
    ``<date>_results.json`` written with it), or None when there is no such file."""
    match = re.match(r"^(\d{8}_\d{6})_samples_", path.name)
    if not match:
        return None
    try:
        results = json.loads(path.with_name(f"{match.group(1)}_results.json").read_text(encoding="utf-8"))
        return str(results["config"]["model"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def base_split(config: dict[str, Any], data: Path | None) -> datasets.Dataset:
    """A task's base split, from the local copy ``data`` (a ``save_to_disk`` folder, as ``modbias run
    --data-dir`` reads) or else from where its YAML says (the hub, through the local cache)."""
    kwargs = dict(config.get("dataset_kwargs") or {})
    if "data_files" in kwargs:
        raise ValueError("its items ship with modbias: it has no standard lmms-eval run to import")
    split = str(config.get("test_split"))
    if data is not None or kwargs.pop("load_from_disk", False):
        loaded = datasets.load_from_disk(str(data or config["dataset_path"]))
    else:
        loaded = datasets.load_dataset(str(config["dataset_path"]), config.get("dataset_name"), **kwargs)
    if not isinstance(loaded, datasets.DatasetDict):
        return loaded
    if split not in loaded:
        raise ValueError(f"its data has splits {sorted(loaded)}, not {split!r}")
    return loaded[split]


def prompt_kwargs(config: dict[str, Any], benchmark: str, model: str | None) -> dict[str, Any] | None:
    """The ``lmms_eval_specific_kwargs`` lmms-eval gives ``model`` for the task (its own entry, else
    the default)."""
    kwargs = config.get("lmms_eval_specific_kwargs")
    if kwargs is not None and model in kwargs:
        return kwargs[model]
    return default_prompt_kwargs(benchmark)


@dataclass(frozen=True)
class OriginalRows:
    """A modbias task's ``original`` rows by base row (the standard run's ``doc_id``), their prompt
    settings, and what its expansion left out."""

    task: str
    rows: dict[int, dict[str, Any]]
    kwargs: dict[str, Any] | None
    problems: list[str]


def original_rows(task: str, data: Path | None, model: str | None) -> OriginalRows:
    """The ``original`` rows ``task`` runs (the same items, seeded subset and drops as ``modbias run``),
    expanded by the task's own ``process_docs`` code; ValueError naming the task when it cannot be."""
    entry = suite_index(TASK_YAMLS).tasks.get(task)
    if entry is None:
        raise ValueError(f"--as-original-of {task}: no such modbias task under {TASK_YAMLS}")
    config = dict(task_config(entry.path))
    settings = settings_from_config(task, config.get("metadata"))
    if "original" not in settings.variants:
        modbias = {**config["metadata"]["modbias"], "variants": ["original", *settings.variants]}
        config["metadata"] = {**config["metadata"], "modbias": modbias}
    try:
        split = base_split(config, data)
    except (OSError, ValueError, ConnectionError) as error:
        raise ValueError(f"--as-original-of {task}: cannot load its base data ({error})") from None
    expanded = expand_task(split, config)
    rows = {row["base_index"]: row for row in expanded if row["variant"] == "original"}
    problems = [f"{task}: {problem['message']}" for problem in expanded[0][EXPANSION_PROBLEMS]]
    return OriginalRows(task, rows, prompt_kwargs(config, settings.benchmark, model), problems)


def first_difference(logged: str, built: str) -> str:
    """Where two prompts first differ, with a few characters of each from there."""
    at = next((i for i, (a, b) in enumerate(zip(logged, built, strict=False)) if a != b), None)
    at = min(len(logged), len(built)) if at is None else at
    logged_part, built_part = logged[at : at + 30], built[at : at + 30]
    return f"first difference at character {at}: logged {logged_part!r}, modbias {built_part!r}"


def original_record(sample: dict[str, Any], originals: OriginalRows) -> tuple[Record | None, str]:
    """The task's ``original`` record for a standard run's sample (scored by the task's own
    ``process_results``), or None and why not: no such item, or a prompt that is not byte-identical."""
    row = originals.rows.get(sample["doc_id"]) if isinstance(sample["doc_id"], int) else None
    if row is None:
        return (
            None,
            f"doc_id {sample['doc_id']!r} is no item of {originals.task} (dropped there or out of range)",
        )
    logged = sample.get("input", (sample.get("arguments") or [None])[0])
    built = doc_to_text(row, originals.kwargs)
    if logged != built:
        return None, (
            f"doc_id {sample['doc_id']} (item {row['pair_id']}): the logged prompt is not the one "
            f"{originals.task} sends for its original variant ({first_difference(str(logged), built)})"
        )
    record = process_results(row, [first_text(sample.get("filtered_resps", sample.get("resps")))])["record"]
    record.pop(EXPANSION_PROBLEMS, None)  # the modbias run's own first record carries them
    return record, ""


def read_as_original(request: ImportRequest) -> ImportResult:
    """The ``original`` records of task ``request.as_original_of`` from standard-run sample logs."""
    result = ImportResult()
    if request.without_image:
        result.problems.append(
            "--as-original-of reads the standard run's samples (PATH); --without-image ignored"
        )
    loaded: dict[str | None, OriginalRows] = {}
    for path in request.paths:
        model = logged_model(path) or request.model
        try:
            if model not in loaded:
                loaded[model] = original_rows(str(request.as_original_of), request.data, model)
                result.problems.extend(loaded[model].problems)
        except ValueError as error:
            result.problems.append(f"{path}: {error}; file skipped")
            continue
        provenance = Provenance.of(FORMAT, request, model)
        source = read_source_rows(path)
        result.problems.extend(source.problems)
        for number, sample in source.rows:
            problem = _problem(sample, request)
            record, problem = (None, problem) if problem else original_record(sample, loaded[model])
            if record is None:
                result.problems.append(f"{path}:{number}: {problem}; skipped")
                continue
            record["source"] = provenance.source(path, number)
            result.records.append(record)
    return result
