"""Measuring a trained model with the suite itself: ``modbias run`` (lmms-eval's real ``llava_hf``
wrapper on ``modbias_synth``, samples logged), then ``modbias report --json`` on everything and on the
records of the two prior families alone (the families whose counterfactual contradicts common
knowledge, where ``prior_follow_rate`` means following the prior).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from mb_tasks.benchmarks.synth.questions import PRIOR_FAMILIES

TASK = "modbias_synth"
#: Records per item (the task's variants): ``--limit`` counts rows, so a limit of whole items.
VARIANTS_PER_ITEM = 9
#: Report files: every record, and the prior families' records alone.
REPORTS = {"all": "report", "prior": "report_prior"}
#: Bootstrap resamples of the reports' 95% intervals (``modbias report``'s default).
RESAMPLES = 10_000


def _modbias(arguments: list[str], output: Path, errors: Path | None = None) -> int:
    """``modbias ARGUMENTS`` in a child process (offline, one thread); its standard output goes to
    ``output``, its standard error to ``errors`` (default: also ``output``). Returns the exit status."""
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "mb_tasks.cli.main", *arguments]
    with ExitStack() as files:
        out = files.enter_context(output.open("wb"))
        err = files.enter_context(errors.open("wb")) if errors else subprocess.STDOUT
        return subprocess.run(command, stdout=out, stderr=err, env=environment, check=False).returncode


def run_suite(checkpoint: Path, out: Path, items: int | None = None) -> Path:
    """``modbias run --model llava_hf`` on ``checkpoint`` (the first ``items`` items, or all), logged
    samples under ``out/lmms``; returns the samples file. Raises on a failed run, naming its log."""
    out.mkdir(parents=True, exist_ok=True)
    arguments = [
        "run",
        "--model", "llava_hf",
        "--model_args", f"pretrained={checkpoint},device=cpu,device_map=cpu",
        "--tasks", TASK,
        "--batch_size", "1",
        "--log_samples",
        "--output_path", str(out / "lmms"),
    ]  # fmt: skip
    if items is not None:
        arguments += ["--limit", str(items * VARIANTS_PER_ITEM)]
    log = out / "run.log"
    if _modbias(arguments, log) != 0:
        raise RuntimeError(f"modbias run failed on {checkpoint}; see {log}")
    (samples,) = sorted((out / "lmms").rglob(f"*samples_{TASK}.jsonl"))
    return samples


def prior_records(samples: Path, target: Path) -> int:
    """Writes the records of the prior families' samples to ``target`` (records JSONL); returns how many."""
    kept = []
    with samples.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)["record"]
            if record.get("category") in PRIOR_FAMILIES:
                kept.append(json.dumps(record))
    target.write_text("".join(f"{record}\n" for record in kept), encoding="utf-8")
    return len(kept)


def report(paths: list[Path], stem: Path, resamples: int) -> dict[str, Any]:
    """``modbias report PATHS --json stem.json --resamples R`` (markdown in stem.md); returns the JSON."""
    log = stem.with_suffix(".log")
    arguments = ["report", *map(str, paths), "--json", str(stem.with_suffix(".json"))]
    arguments += ["--resamples", str(resamples)]
    if _modbias(arguments, stem.with_suffix(".md"), log) != 0:
        raise RuntimeError(f"modbias report failed on {paths}; see {log}")
    return json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))


def evaluate(
    checkpoint: Path, out: Path, items: int | None = None, resamples: int = RESAMPLES
) -> dict[str, dict[str, Any]]:
    """Runs the suite on ``checkpoint`` (the first ``items`` items, or all) and reports on all records
    and on the prior families' alone (``resamples`` bootstrap resamples); returns {"all": report,
    "prior": report}, also saved as out/report*.json and .md."""
    samples = run_suite(checkpoint, out, items)
    prior = out / "prior_records.jsonl"
    prior_records(samples, prior)
    return {
        "all": report([samples], out / REPORTS["all"], resamples),
        "prior": report([prior], out / REPORTS["prior"], resamples),
    }
