"""Every Eval Ever (schema 0.3.0): one evaluation log per model × benchmark, with its per-sample
records as the instance-level sidecar.

Layout, as the Every Eval Ever datastore publishes it:
``data/modbias_<benchmark>/<developer>/<model>/<uuid>.json`` (the aggregate: each catalogue metric's
value, 95% interval, bootstrap settings and n) and ``<uuid>_samples.jsonl`` next to it (one line
per record the metrics used). The uuid is derived from the model and the records, so the same run
gives the same file names; ``retrieved_timestamp`` is ``$SOURCE_DATE_EPOCH`` when set, else now.
Metrics without a direction in the catalogue (``higher_is_better: null``) have no place in the schema,
which requires ``lower_is_better``; they and undefined metrics are listed in
``source_metadata.additional_details.metrics_not_exported``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mb_tasks.export.instances import instance_rows, sample_prompt, string_values
from mb_tasks.export.job import (
    CONFIDENCE_LEVEL,
    INTERVAL_METHOD,
    BenchmarkSource,
    ExportJob,
    Written,
    benchmark_source,
    run_notes,
    slug,
)
from mb_tasks.metrics.catalogue import directions, legend_line
from mb_tasks.records import Record, record_key
from mb_tasks.report.reading import records_again
from mb_tasks.report.runs import Run

SCHEMA_VERSION = "0.3.0"


def retrieved_timestamp() -> str:
    """When the logs were made, in Unix seconds: ``$SOURCE_DATE_EPOCH`` when set, else now."""
    return os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()))


def model_id(run: Run) -> str:
    """The model as a Hugging Face id (the checkpoint lmms-eval names), else the run file's stem."""
    return run.model or slug(run.path.stem)


def file_uuid(label: str, run: Run, benchmark: str, records: list[Record]) -> str:
    """A version-4-shaped uuid from the model, the benchmark and its records (same run, same uuid)."""
    digest = hashlib.sha256(json.dumps([label, run.model_args, benchmark], ensure_ascii=False).encode())
    for record in sorted(records, key=record_key):
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode())
    return str(uuid.UUID(bytes=digest.digest()[:16], version=4))


def source_data(source: BenchmarkSource, items: int) -> dict[str, Any]:
    """The schema's ``source_data``: the hub dataset, or "other" for items shipped with the task."""
    if source.dataset is None:
        known = "items shipped with the modbias task" if source.benchmark == "synth" else "records only"
        return {
            "dataset_name": source.task,
            "source_type": "other",
            "additional_details": {"benchmark": source.benchmark, "origin": known, "items": str(items)},
        }
    found: dict[str, Any] = {
        "dataset_name": source.task,
        "source_type": "hf_dataset",
        "hf_repo": source.dataset,
        "hf_split": source.split,
        "samples_number": items,
    }
    if source.config:
        found["additional_details"] = {"config": source.config}
    return found


def metric_result(
    source: BenchmarkSource,
    name: str,
    result: dict[str, Any],
    higher_is_better: bool,
    job: ExportJob,
    items: int,
) -> dict[str, Any]:
    """One entry of ``evaluation_results``: the metric's value, interval and n."""
    score: dict[str, Any] = {
        "score": result["value"],
        "details": string_values(
            {"n": result["n"], "p_value": result["p_value"], "p_holm": result["p_holm"]}
        ),
        "uncertainty": {"num_samples": result["n"]},
    }
    if result["ci_low"] is not None:
        score["uncertainty"].update(
            confidence_interval={
                "lower": result["ci_low"],
                "upper": result["ci_high"],
                "confidence_level": CONFIDENCE_LEVEL,
                "method": INTERVAL_METHOD,
            },
            num_bootstrap_samples=job.resamples,
        )
        score["details"]["bootstrap_seed"] = str(job.seed)
    config: dict[str, Any] = {
        "metric_id": f"modbias.{name}",
        "metric_name": name,
        "lower_is_better": not higher_is_better,
        "score_type": "continuous",
        "min_score": None,
        "max_score": None,
    }
    description = legend_line(name)
    if description:
        config["evaluation_description"] = description
    return {
        "evaluation_result_id": f"{source.task}/{name}",
        "evaluation_name": source.task,
        "source_data": source_data(source, items),
        "metric_config": config,
        "score_details": score,
    }


def _left_out_reason(name: str, value: float | None) -> str | None:
    """Why a reported metric is not exported (None: it is)."""
    higher_is_better = directions()
    if name not in higher_is_better:
        return "not in the metric catalogue"
    if higher_is_better[name] is None:
        return "no direction in the catalogue"
    return "undefined here" if value is None else None


def _exported(results: dict[str, dict[str, Any]]) -> tuple[list[tuple[str, bool]], list[str]]:
    """(metric, higher_is_better) of the metrics to export, in catalogue order, and why the others are not."""
    reasons = {name: _left_out_reason(name, result["value"]) for name, result in results.items()}
    kept = [
        (name, bool(higher))
        for name, higher in directions().items()
        if name in reasons and reasons[name] is None
    ]
    left = [f"{name} ({reason})" for name, reason in reasons.items() if reason is not None]
    return kept, left


def evaluation_log(
    job: ExportJob,
    index: int,
    benchmark: str,
    records: list[Record],
    prompts: dict[tuple[str, str, str], str],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The aggregate log of one model × benchmark, and its instance rows (``detailed_evaluation_results``
    is filled in by the caller, once the rows are written)."""
    run, label, report = job.runs[index], job.labels[index], job.reports[index]
    source = benchmark_source(benchmark)
    identity = model_id(run)
    evaluation_id = f"{source.task}/{identity}/{file_uuid(label, run, benchmark, records)}"
    results = report["benchmarks"][benchmark]
    kept, left = _exported(results)
    items = report["counts"][benchmark]["items"]
    model_info: dict[str, Any] = {
        "name": label,
        "id": identity,
        "additional_details": string_values(
            {"deployment_type": "unknown", "model_availability": "unknown"}
            | ({"model_args": run.model_args} if run.model_args else {})
        ),
    }
    if "/" in identity:
        model_info["developer"] = identity.split("/", 1)[0]
    log = {
        "schema_version": SCHEMA_VERSION,
        "evaluation_id": evaluation_id,
        "retrieved_timestamp": retrieved_timestamp(),
        "source_metadata": {
            "source_name": "modbias",
            "source_type": "evaluation_run",
            "source_organization_name": "unknown",
            "evaluator_relationship": "other",
            "additional_details": string_values(
                {
                    "run": str(run.path),
                    **job.settings(),
                    "metrics_not_exported": left,
                    "notes": run_notes(label, run, report),
                }
            ),
        },
        "model_info": model_info,
        "eval_library": {"name": "modbias", "version": version("modbias")},
        "evaluation_results": [
            metric_result(source, name, results[name], higher, job, items) for name, higher in kept
        ],
    }
    ids = {"evaluation_id": evaluation_id, "model_id": identity, "evaluation_name": source.task}
    return log, instance_rows(records, prompts, SCHEMA_VERSION, ids)


def used_records(run: Run, benchmark: str) -> tuple[list[Record], dict[tuple[str, str, str], str]]:
    """The run's records of ``benchmark`` that its metrics used (read again from its files), and the
    prompt logged with each (by record key)."""
    records, prompts = [], {}
    for record, line_value in records_again(run.screening, benchmark):
        records.append(record)
        if (prompt := sample_prompt(line_value)) is not None:
            prompts[record_key(record)] = prompt
    return records, prompts


def log_folder(out: Path, task: str, identity: str) -> Path:
    """``out/data/<task>/<developer>/<model>``, the datastore's folder for a model's logs of a task."""
    developer, _, name = identity.rpartition("/")
    return out / "data" / slug(task) / slug(developer or "unknown") / slug(name)


def write_evaluation(out: Path, folder: Path, log: dict[str, Any], rows: list[dict[str, Any]]) -> list[Path]:
    """Write the samples file, point the log at it (path, sha256, rows), write the log."""
    folder.mkdir(parents=True, exist_ok=True)
    file_id = log["evaluation_id"].rsplit("/", 1)[1]
    samples = folder / f"{file_id}_samples.jsonl"
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    samples.write_bytes(data)
    log["detailed_evaluation_results"] = {
        "format": "jsonl",
        "file_path": samples.relative_to(out).as_posix(),
        "hash_algorithm": "sha256",
        "checksum": hashlib.sha256(data).hexdigest(),
        "total_rows": len(rows),
    }
    aggregate = folder / f"{file_id}.json"
    aggregate.write_text(json.dumps(log, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [aggregate, samples]


def write(job: ExportJob, out: Path) -> Written:
    """One aggregate log and samples file per model × benchmark under ``out/data/``."""
    written = Written()
    for index, run in enumerate(job.runs):
        for benchmark in job.reports[index]["benchmarks"]:
            records, prompts = used_records(run, benchmark)
            log, rows = evaluation_log(job, index, benchmark, records, prompts)
            if not log["evaluation_results"]:
                written.notes.append(f"{job.labels[index]}: {benchmark}: no metric to export, no log written")
                continue
            folder = log_folder(out, benchmark_source(benchmark).task, model_id(run))
            written.files += write_evaluation(out, folder, log, rows)
        written.notes += run_notes(job.labels[index], run, job.reports[index])
    return written
