"""A run: the records of one model, read from one PATH, with the model's name and arguments taken
from the lmms-eval results file next to its samples.

lmms-eval writes ``<output>/<model>/<date>_results.json`` next to ``<date>_samples_<task>.jsonl``
(lm-eval: ``results_<date>.json`` / ``samples_<task>_<date>.jsonl``); the results file's ``config``
holds ``model`` (the wrapper) and ``model_args``, and its top-level ``model_name`` the checkpoint.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from mb_tasks.metrics.screening import Screening
from mb_tasks.records import Record
from mb_tasks.report.reading import read_records, screen_paths

#: Date ids in lmms-eval 0.7.3 file names (``20261124_073208``) and in lm-eval's (``2026-11-24T07-32-08.1``).
_DATE = re.compile(r"\d{8}_\d{6}|\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?")


@dataclass
class Run:
    """One model's records, screened as they were read (compact columns, no dicts), and its identity.
    ``label`` names it in tables (model name, else the path)."""

    path: Path
    label: str
    model: str | None
    model_args: str | None
    screening: Screening
    files: list[Path]
    problems: list[str] = field(default_factory=list)

    @cached_property
    def records(self) -> list[Record]:
        """Every record of the run as a dict, read again from ``path`` on first use (the commands
        use ``screening``)."""
        return read_records([self.path]).records


def _results_file(samples: Path, problems: list[str]) -> Path | None:
    """The results JSON written with a samples file: same date id if several, else the only one."""
    candidates = sorted(p for p in samples.parent.glob("*.json") if "results" in p.name)
    date = _DATE.search(samples.name)
    if date:
        same_date = [p for p in candidates if date.group(0) in p.name]
        if same_date:
            return same_date[0]
    if len(candidates) > 1:
        problems.append(
            f"{samples}: {len(candidates)} results files next to it and none shares its date id; "
            "model name not taken from any"
        )
        return None
    return candidates[0] if candidates else None


def _model_identity(results: Path) -> tuple[str | None, str | None]:
    """(model name, model_args) a results file names; ValueError if it is not a JSON object in UTF-8."""
    config_all = json.loads(results.read_bytes().decode("utf-8"))
    config = (config_all.get("config") or {}) if isinstance(config_all, dict) else None
    if not isinstance(config, dict):
        raise ValueError("not a JSON object with a config object")
    model_args = config.get("model_args")
    if isinstance(model_args, dict):
        model_args = ",".join(f"{key}={value}" for key, value in sorted(model_args.items()))
    name = config_all.get("model_name") or config.get("model")
    return (str(name) if name else None), (str(model_args) if model_args else None)


def model_identity(files: list[Path], problems: list[str]) -> tuple[str | None, str | None]:
    """(model name, model_args) from the results files next to ``files``; (None, None) when there is
    none, or when they name different models (reported in ``problems``)."""
    identities: dict[tuple[str | None, str | None], Path] = {}
    for samples in files:
        results = _results_file(samples, problems)
        if results is None:
            continue
        try:
            identities.setdefault(_model_identity(results), results)
        except (OSError, ValueError, RecursionError) as error:  # ValueError: not UTF-8, JSON, an object
            problems.append(f"{results}: unreadable results file ({error}); model name not taken from it")
    if len(identities) > 1:
        names = ", ".join(sorted(f"{name} ({source})" for (name, _), source in identities.items()))
        problems.append(f"the results files name several models ({names}); the label is the path")
    return next(iter(identities)) if len(identities) == 1 else (None, None)


def read_run(path: str | Path) -> Run:
    """Read one run in one pass: its records, screened as read, and its model identity from the
    results file(s) next to its samples."""
    path = Path(path)
    read, screening = screen_paths([path])
    problems = list(read.problems)
    model, model_args = model_identity(read.files, problems)
    return Run(path, model or str(path), model, model_args, screening, read.files, problems)
