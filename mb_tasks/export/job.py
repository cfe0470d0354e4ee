"""What every export format reads: the runs, their reports, and where each benchmark's items come
from (the metrics and their directions: :mod:`mb_tasks.metrics.catalogue`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from mb_tasks.metrics.engine import report_of_screening
from mb_tasks.progress import progress
from mb_tasks.report.runs import Run
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import TASK_YAMLS

CONFIDENCE_LEVEL = 0.95
INTERVAL_METHOD = (
    "percentile interval of a seeded paired bootstrap over items (over clusters when records have one)"
)


@dataclass
class Written:
    """The files an export wrote, and what a reader of them should know (problems, left-out data)."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ExportJob:
    """The runs to export (``labels[i]`` names ``runs[i]``), the bootstrap settings, and what some
    formats need besides: a base-LLM run (MMStar's ML) and its label, and a folder of local dataset
    copies."""

    runs: list[Run]
    labels: list[str]
    seed: int = 0
    resamples: int = 10_000
    base_llm: Run | None = None
    base_llm_label: str | None = None
    data_dir: Path | None = None

    @cached_property
    def reports(self) -> list[dict[str, Any]]:
        """Each run's report (:func:`~mb_tasks.metrics.compute_report` of its screening), in run order."""
        return [
            report_of_screening(run.screening, seed=self.seed, resamples=self.resamples)
            for run in progress(self.runs, "metrics", unit="run")
        ]

    def settings(self) -> dict[str, Any]:
        """The bootstrap settings every exported interval was computed with."""
        return {"seed": self.seed, "resamples": self.resamples, "confidence_level": CONFIDENCE_LEVEL}


def export_labels(runs: Sequence[Run]) -> list[str]:
    """A name per run: the model lmms-eval names, else the run's file or folder name without its
    suffix; a name met again gets ``-2``, ``-3``, ... in run order."""
    seen: Counter[str] = Counter()
    labels = []
    for run in runs:
        name = run.model or run.path.stem
        seen[name] += 1
        labels.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return labels


@dataclass(frozen=True)
class BenchmarkSource:
    """Where a benchmark's items come from: its lmms-eval task and, for hub data, the dataset."""

    benchmark: str
    task: str
    dataset: str | None = None
    config: str | None = None
    split: str | None = None


def benchmark_source(benchmark: str) -> BenchmarkSource:
    """The task ``modbias_<benchmark>`` and its hub dataset; no dataset for items shipped with the
    task (modbias_synth) or for records of a benchmark modbias has no task for."""
    task = f"modbias_{benchmark}"
    entry = suite_index(TASK_YAMLS).tasks.get(task)
    if entry is None or not entry.uses_hub_data:
        return BenchmarkSource(benchmark, task)
    config = entry.config
    name = config.get("dataset_name")
    return BenchmarkSource(
        benchmark, task, str(config["dataset_path"]), str(name) if name else None, str(config["test_split"])
    )


def slug(text: str) -> str:
    """``text`` as one portable path component (letters, digits, ``.``, ``_``, ``-``)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")
    return cleaned or "unnamed"


def run_notes(label: str, run: Run, report: dict[str, Any]) -> list[str]:
    """What was dropped or doubtful while reading and scoring a run, each line naming the model."""
    lines = [*run.problems, *report["problems"], *report["warnings"]]
    return [f"{label}: {line}" for line in lines]
