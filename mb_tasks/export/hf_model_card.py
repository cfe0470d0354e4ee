"""Hugging Face model-card metadata: ``<model>/README.md`` per run, whose YAML header is the
``model-index`` that huggingface_hub's own :class:`EvalResult` and :class:`ModelCardData` write.

One eval result per benchmark × headline metric (:data:`LEADERBOARD_METRICS`); the dataset is the
benchmark's hub dataset (else its modbias task). The model-index has no field for intervals, so each
metric's ``args`` holds them: ``ci_low``, ``ci_high``, ``confidence_level``, ``n``, the bootstrap
``resamples`` and ``seed``, and ``higher_is_better`` from the metric catalogue. The card's text
repeats the numbers as a table, with what was left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from huggingface_hub import EvalResult, ModelCard, ModelCardData

from mb_tasks.export.job import ExportJob, Written, benchmark_source, run_notes, slug
from mb_tasks.leaderboard import LEADERBOARD_METRICS
from mb_tasks.leaderboard.rows import DIGITS
from mb_tasks.metrics.catalogue import metric

TASK_TYPE = "visual-question-answering"
TASK_NAME = "Modality bias (modbias)"
TAGS = ["modbias", "modality-bias"]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def eval_results(report: dict[str, Any], job: ExportJob) -> list[EvalResult]:
    """Every headline metric of every benchmark in the report that has a value."""
    found = []
    for benchmark, results in report["benchmarks"].items():
        source = benchmark_source(benchmark)
        for name in LEADERBOARD_METRICS:
            result = results.get(name)
            if result is None or result["value"] is None:
                continue
            interval = {"ci_low": _rounded(result["ci_low"]), "ci_high": _rounded(result["ci_high"])}
            found.append(
                EvalResult(
                    task_type=TASK_TYPE,
                    task_name=TASK_NAME,
                    dataset_type=source.dataset or source.task,
                    dataset_name=source.task,
                    dataset_config=source.config,
                    dataset_split=source.split,
                    metric_type=name,
                    metric_name=name,
                    metric_value=_rounded(result["value"]),
                    metric_args={
                        **interval,
                        "n": result["n"],
                        **job.settings(),
                        "higher_is_better": metric(name).higher_is_better,
                    },
                )
            )
    return found


def _cell(value: Any) -> str:
    return "–" if value is None else f"{value:.{DIGITS}f}" if isinstance(value, float) else str(value)


def card_text(results: list[EvalResult], notes: list[str]) -> str:
    """The card's markdown: a table of the exported numbers, then the notes."""
    lines = [
        "## Modality bias (modbias)",
        "",
        "| dataset | metric | value | 95% CI | n |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        args = result.metric_args or {}
        interval = f"[{_cell(args['ci_low'])}, {_cell(args['ci_high'])}]"
        lines.append(
            f"| {result.dataset_name} | {result.metric_type} | {_cell(result.metric_value)} | {interval} "
            f"| {args['n']} |"
        )
    lines += ["", *(f"- {note}" for note in notes)] if notes else []
    return "\n".join(lines) + "\n"


def model_card(label: str, results: list[EvalResult], notes: list[str]) -> ModelCard:
    """A card whose metadata is ``model_name`` and the ``model-index`` of ``results``."""
    data = ModelCardData(model_name=label, eval_results=results, tags=TAGS)
    return ModelCard(f"---\n{data.to_yaml()}\n---\n\n{card_text(results, notes)}")


def write(job: ExportJob, out: Path) -> Written:
    """``out/<model>/README.md`` for each run."""
    written = Written()
    for label, run, report in zip(job.labels, job.runs, job.reports, strict=True):
        notes = run_notes(label, run, report)
        path = out / slug(label) / "README.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        model_card(label, eval_results(report, job), notes).save(path)
        written.files.append(path)
        written.notes += notes
    return written
