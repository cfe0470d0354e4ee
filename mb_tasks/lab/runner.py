"""Training and measuring rungs: one model per distinct spec (the base rung is shared by the three
ladders), kept under ``out/models/<spec key>/`` with its suite run under ``out/evals/<spec key>/``;
a model or a measurement already there for the same spec is reused, never redone."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mb_tasks.lab.evaluate import REPORTS, evaluate
from mb_tasks.lab.ladders import Rung, spec_key
from mb_tasks.lab.train import train

#: Items the quick mode measures (16 per family; the full run measures all 640), and its resamples.
QUICK_ITEMS = 128
QUICK_RESAMPLES = 1000

#: (report, metric) pairs a ladder table shows, with their column names.
METRICS: tuple[tuple[str, str, str], ...] = (
    ("prior", "prior_follow_rate", "prior_follow_rate (prior families)"),
    ("prior", "blind_above_chance", "blind_above_chance (prior families)"),
    ("prior", "mg_no_image", "mg_no_image (prior families)"),
    ("prior", "modality_bias_index", "modality_bias_index (prior families)"),
    ("all", "prior_follow_rate", "prior_follow_rate"),
    ("all", "blind_above_chance", "blind_above_chance"),
    ("all", "mg_no_image", "mg_no_image"),
    ("all", "modality_bias_index", "modality_bias_index"),
    ("all", "blind_retention", "blind_retention"),
    ("all", "text_preference_ratio", "text_preference_ratio"),
    ("all", "acc_original", "acc_original"),
    ("all", "cf_acc", "cf_acc"),
    ("all", "invalid_rate_original", "invalid_rate_original"),
)


def trained_model(rung: Rung, out: Path, log: Callable[[str], None]) -> tuple[Path, dict[str, Any]]:
    """The rung's checkpoint folder and training summary, training it unless an identical spec's
    model is already there."""
    folder = out / "models" / spec_key(rung.spec)
    summary_path = folder / "lab.json"
    if summary_path.exists():
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        if summary["spec"] == json.loads(json.dumps(asdict(rung.spec))):
            log(f"{rung.label}: reusing the model in {folder}")
            return folder, summary
    log(f"{rung.label}: training into {folder}")
    return folder, train(rung.spec, folder, log, cache=out / "models" / "vision")


def measured(rung: Rung, out: Path, quick: bool, log: Callable[[str], None]) -> dict[str, Any]:
    """The rung's training summary, suite reports and wall times (training and measuring it)."""
    checkpoint, summary = trained_model(rung, out, log)
    folder = out / "evals" / spec_key(rung.spec)
    timing = folder / "timing.json"
    if timing.exists():
        log(f"{rung.label}: reusing the measurement in {folder}")
        reports = {
            name: json.loads((folder / f"{stem}.json").read_text("utf-8")) for name, stem in REPORTS.items()
        }
        seconds = json.loads(timing.read_text("utf-8"))["eval_seconds"]
    else:
        log(f"{rung.label}: measuring with modbias run / modbias report")
        started = time.perf_counter()
        reports = evaluate(checkpoint, folder, *((QUICK_ITEMS, QUICK_RESAMPLES) if quick else ()))
        seconds = round(time.perf_counter() - started, 1)
        timing.write_text(json.dumps({"eval_seconds": seconds}) + "\n", encoding="utf-8")
    return {
        "knob": rung.knob,
        "index": rung.index,
        "value": rung.value,
        "label": rung.label,
        "spec_key": spec_key(rung.spec),
        "weights_sha256": summary["weights_sha256"],
        "train_seconds": summary["train_seconds"],
        "eval_seconds": seconds,
        "final_training_accuracy": summary["final_training_accuracy"],
        "metrics": {column: _metric(reports[source], name) for source, name, column in METRICS},
        "reports": folder,
    }


def _metric(report: dict[str, Any], name: str) -> dict[str, Any]:
    """{value, ci_low, ci_high, n} of a synth metric (nulls when the report has none)."""
    found = report["benchmarks"].get("synth", {}).get(name) or {}
    return {key: found.get(key) for key in ("value", "ci_low", "ci_high", "n")}
