"""An Open VLM Leaderboard fragment: ``OpenVLM.json`` in the shape of that file's ``results``
mapping, ``{model: {"META": {...}, "<Dataset>": {"Overall": x, ...}}}``, ready to merge into it.

``META`` has the fields the leaderboard's table reads (``Method`` as [name, url], ``Parameters``,
``Language Model``, ``Vision Model``, ``OpenSource``, ``Verified``; unknown ones empty) and a
``modbias`` entry with the run, the bootstrap settings and the notes. A dataset is named as
VLMEvalKit names it where its ``Overall`` is plain accuracy on the same items (:data:`DATASET_NAMES`),
else ``modbias_<benchmark>``. ``Overall`` is acc_original in percent, as the leaderboard shows
accuracies; each headline bias metric adds ``modbias_<metric>`` and its ``_ci_low``, ``_ci_high``
and ``_n`` on modbias's own scale, and ``modbias_items`` is the number of items scored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mb_tasks.export.job import ExportJob, Written, run_notes
from mb_tasks.leaderboard import LEADERBOARD_METRICS
from mb_tasks.leaderboard.rows import DIGITS

#: modbias benchmarks whose VLMEvalKit dataset has the same items and accuracy as its Overall.
DATASET_NAMES = {"mmstar": "MMStar", "ai2d": "AI2D_TEST", "scienceqa_img": "ScienceQA_TEST"}
FILE_NAME = "OpenVLM.json"


def _rounded(value: float | None, scale: float = 1.0) -> float | None:
    return None if value is None else round(value * scale, DIGITS)


def dataset_entry(results: dict[str, dict[str, Any]], items: int) -> dict[str, Any]:
    """``{"Overall": accuracy in percent, "modbias_<metric>": value, ..._ci_low, ..._ci_high, ..._n}``."""
    entry: dict[str, Any] = {"Overall": _rounded((results.get("acc_original") or {}).get("value"), 100.0)}
    for name in LEADERBOARD_METRICS:
        result = results.get(name) or {}
        entry[f"modbias_{name}"] = _rounded(result.get("value"))
        entry[f"modbias_{name}_ci_low"] = _rounded(result.get("ci_low"))
        entry[f"modbias_{name}_ci_high"] = _rounded(result.get("ci_high"))
        entry[f"modbias_{name}_n"] = result.get("n")
    entry["modbias_items"] = items
    return entry


def model_entry(job: ExportJob, index: int) -> dict[str, Any]:
    """One model's ``META`` and a dataset entry per benchmark."""
    run, label, report = job.runs[index], job.labels[index], job.reports[index]
    meta = {
        "Method": [label, ""],
        "Parameters": "",
        "Language Model": "",
        "Vision Model": "",
        "OpenSource": "",
        "Verified": "No",
        "modbias": {
            "run": str(run.path),
            "model_args": run.model_args,
            **job.settings(),
            "notes": run_notes(label, run, report),
        },
    }
    datasets = {
        DATASET_NAMES.get(benchmark, f"modbias_{benchmark}"): dataset_entry(
            results, report["counts"][benchmark]["items"]
        )
        for benchmark, results in report["benchmarks"].items()
    }
    return {"META": meta, **datasets}


def write(job: ExportJob, out: Path) -> Written:
    """``out/OpenVLM.json`` with every run's model entry."""
    fragment = {label: model_entry(job, index) for index, label in enumerate(job.labels)}
    path = out / FILE_NAME
    path.write_text(json.dumps(fragment, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return Written(
        [path], [note for entry in fragment.values() for note in entry["META"]["modbias"]["notes"]]
    )
