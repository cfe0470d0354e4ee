"""MMStar's leaderboard submission: three spreadsheets, as MMStar's own evaluation writes them
(``<model>/<model>_MMStar.xlsx``, ``<model>_text-only/<model>_MMStar.xlsx`` and
``<base LLM>/<base LLM>_MMStar.xlsx``), with the columns index, question, answer, category,
l2_category, bench and prediction; the leaderboard computes MG and ML from them.

The predictions are the raw answers of a modbias_mmstar run: the ``original`` records with the image,
the ``no_image`` records without it, and the base LLM's ``no_image`` records (else ``original``:
a text-only model answers the original prompt without an image). The records do not carry MMStar's
question text, l2_category or bench (its ``meta_info.source``), so they are read from the dataset:
the local copy ``DIR/mmstar`` given with ``--data-dir`` (as for ``modbias run --data-dir``), else
Lin-Chen/MMStar from the hub. ``modbias_mmstar_submission.json`` lists the sheets and what is missing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from mb_tasks.export.job import ExportJob, Written, slug
from mb_tasks.lm_eval.sources import lmms_task_split
from mb_tasks.records import Record
from mb_tasks.report.reading import records_again
from mb_tasks.report.runs import Run

BENCHMARK = "mmstar"
COLUMNS = ("index", "question", "answer", "category", "l2_category", "bench", "prediction")
DATASET_COLUMNS = ("index", "question", "answer", "category", "l2_category", "meta_info")
MANIFEST = "modbias_mmstar_submission.json"


def mmstar_items(data_dir: Path | None) -> dict[str, dict[str, Any]]:
    """MMStar's items by index (as the records' pair_id), without their images; ``ValueError`` saying
    how to get a local copy when the dataset cannot be read."""
    try:
        split = lmms_task_split({"benchmark": BENCHMARK}, None if data_dir is None else str(data_dir))["test"]
    except OSError as error:
        raise ValueError(
            f"mmstar-submission needs MMStar's questions, which the records do not carry, and the dataset "
            f"could not be read ({error}); pass --data-dir DIR with a local copy DIR/mmstar (as for "
            "modbias run --data-dir)"
        ) from error
    rows = split.select_columns(list(DATASET_COLUMNS))
    return {str(row["index"]): row for row in rows}


def mmstar_answers(run: Run) -> dict[str, dict[str, Record]]:
    """The run's usable mmstar records (read again from its files): variant -> pair_id -> record."""
    found: dict[str, dict[str, Record]] = {}
    for record, _ in records_again(run.screening, BENCHMARK):
        found.setdefault(record["variant"], {})[str(record["pair_id"])] = record
    return found


def sheet_rows(items: dict[str, dict[str, Any]], answers: dict[str, Record]) -> list[dict[str, Any]]:
    """One row per answered item of the dataset, in dataset order."""
    return [
        {
            "index": item["index"],
            "question": item["question"],
            "answer": item["answer"],
            "category": item["category"],
            "l2_category": item["l2_category"],
            "bench": (item["meta_info"] or {}).get("source"),
            "prediction": str(answers[key].get("response") or ""),
        }
        for key, item in items.items()
        if key in answers
    ]


def _coverage(name: str, items: dict[str, Any], answers: dict[str, Record]) -> list[str]:
    """Notes on the items a sheet lacks and the answers it could not place."""
    notes = []
    missing = len(items) - len(set(items) & set(answers))
    if missing:
        notes.append(
            f"{name}: {missing} of {len(items)} MMStar items have no answer (the leaderboard expects all)"
        )
    unknown = sorted(set(answers) - set(items))
    if unknown:
        notes.append(
            f"{name}: {len(unknown)} answer(s) for items MMStar does not have, left out: {unknown[:5]}"
        )
    gray = sum(1 for r in answers.values() if r.get("blind_mode") not in (None, "text_only"))
    if gray:
        notes.append(
            f"{name}: {gray} answer(s) were given with a stand-in image (blind_mode), not text only as "
            "MMStar's 'without visual input' asks"
        )
    return notes


@dataclass(frozen=True)
class Sheet:
    """One spreadsheet to write: whose answers, their role, where it goes, and the answers."""

    model: str
    role: str
    path: Path
    variant: str
    answers: dict[str, Record]


def sheet_path(out: Path, label: str, folder_suffix: str = "") -> Path:
    """``out/<name><folder_suffix>/<name>_MMStar.xlsx``, where MMStar's evaluation writes a sheet."""
    name = slug(label)
    return out / f"{name}{folder_suffix}" / f"{name}_MMStar.xlsx"


def model_sheets(out: Path, label: str, answers: dict[str, dict[str, Record]]) -> list[Sheet]:
    """The model's sheets with the image (``original``) and without it (``no_image``)."""
    return [
        Sheet(label, "with_image", sheet_path(out, label), "original", answers.get("original", {})),
        Sheet(
            label,
            "without_image",
            sheet_path(out, label, "_text-only"),
            "no_image",
            answers.get("no_image", {}),
        ),
    ]


def base_llm_sheet(out: Path, label: str, run: Run) -> Sheet:
    """The base LLM's sheet: its ``no_image`` answers, else its ``original`` ones."""
    answers = mmstar_answers(run)
    variant = "no_image" if answers.get("no_image") else "original"
    return Sheet(label, "base_llm", sheet_path(out, label), variant, answers.get(variant, {}))


def write_sheet(
    sheet: Sheet, out: Path, items: dict[str, dict[str, Any]], written: Written
) -> dict[str, Any]:
    """Write the sheet if it has rows, noting what it lacks; its manifest entry."""
    written.notes += _coverage(f"{sheet.model}: {sheet.role} ({sheet.variant})", items, sheet.answers)
    rows = sheet_rows(items, sheet.answers)
    entry = {"model": sheet.model, "variant": sheet.variant, "rows": len(rows), "file": None}
    if rows:
        sheet.path.parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(rows, columns=list(COLUMNS)).to_excel(sheet.path, index=False)
        written.files.append(sheet.path)
        entry["file"] = sheet.path.relative_to(out).as_posix()
    return entry


def write(job: ExportJob, out: Path) -> Written:
    """Each run's two sheets, the base LLM's sheet, and a manifest naming them and what they lack."""
    written = Written()
    models = []
    for label, run in zip(job.labels, job.runs, strict=True):
        answers = mmstar_answers(run)
        if answers.get("original"):
            models.append(model_sheets(out, label, answers))
        else:
            written.notes.append(
                f"{label}: no modbias_mmstar records with the image (variant original), left out"
            )
    if not models:
        raise ValueError(
            "mmstar-submission: no run has modbias_mmstar records with the image (variant original)"
        )
    items = mmstar_items(job.data_dir)
    manifest: dict[str, Any] = {"dataset_items": len(items), "models": [], "base_llm": None}
    for sheets in models:
        manifest["models"].append({sheet.role: write_sheet(sheet, out, items, written) for sheet in sheets})
    if job.base_llm is None:
        written.notes.append("no --base-llm run, so no base-LLM sheet (MMStar's ML needs one)")
    else:
        base = base_llm_sheet(out, job.base_llm_label or job.base_llm.label, job.base_llm)
        manifest["base_llm"] = write_sheet(base, out, items, written)
    manifest["notes"] = written.notes
    path = out / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.files.append(path)
    return written
