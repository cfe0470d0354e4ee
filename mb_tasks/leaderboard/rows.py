"""Leaderboard rows: each run's suite-level headline metrics (means over its benchmarks)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mb_tasks.compare import distinct_labels
from mb_tasks.metrics.catalogue import LEADERBOARD_METRICS  # the first one sorts the rows
from mb_tasks.metrics.engine import report_of_screening
from mb_tasks.progress import progress
from mb_tasks.report.runs import Run

SCHEMA = "modbias-leaderboard/1"

DIGITS = 4


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)


def _row(label: str, run: Run, report: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "model": label,
        "model_args": run.model_args,
        "benchmarks": sorted(report["benchmarks"]),
        "items": sum(counts["items"] for counts in report["counts"].values()),
    }
    for metric in LEADERBOARD_METRICS:
        result = report["suite"].get(metric) or {}
        row[metric] = _rounded(result.get("value"))
        row[f"{metric}_ci_low"] = _rounded(result.get("ci_low"))
        row[f"{metric}_ci_high"] = _rounded(result.get("ci_high"))
        row[f"{metric}_n"] = result.get("n")
    return row


def leaderboard_rows(runs: Sequence[Run], *, seed: int = 0, resamples: int = 10_000) -> list[dict[str, Any]]:
    """One row per run, most vision-grounded first: sorted by modality_bias_index ascending (rows
    without it last), then by model label. Each row gets its 1-based ``rank``."""
    labels = distinct_labels(runs)
    rows = [
        _row(
            label,
            run,
            report_of_screening(run.screening, seed=seed, resamples=resamples),
        )
        for label, run in progress(list(zip(labels, runs, strict=True)), "leaderboard", unit="run")
    ]
    key = LEADERBOARD_METRICS[0]
    rows.sort(key=lambda row: (row[key] is None, row[key] if row[key] is not None else 0.0, row["model"]))
    return [{"rank": rank, **row} for rank, row in enumerate(rows, start=1)]
