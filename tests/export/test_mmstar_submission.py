"""``modbias export --format mmstar-submission``: MMStar's three spreadsheets from modbias_mmstar runs,
with MMStar's columns and question text from the dataset, and MG and ML as MMStar's own scoring rule
computes them from the sheets equal to modbias's."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from mb_tasks.metrics import compute_report
from mb_tasks.report.runs import read_run
from tests.benchmarks.local_data import mmstar_rows
from tests.conftest import Modbias
from tests.export.conftest import Export, write_jsonl

COLUMNS = ["index", "question", "answer", "category", "l2_category", "bench", "prediction"]
LETTERS = "ABCD"


def mmstar_accuracy(sheet: pd.DataFrame) -> float:
    """MMStar's scoring (eval/vlmeval/evaluate/mmstar.py): the prediction's first character is the
    gold letter."""
    return sum(
        str(p).lower().strip()[:1] == str(a).lower().strip()
        for p, a in zip(sheet.prediction, sheet.answer, strict=True)
    ) / len(sheet)


def test_sheets_hold_mmstar_columns_dataset_fields_and_the_raw_answers(
    export: Export, mmstar_run: Path, mmstar_data_dir: Path, tmp_path: Path
) -> None:
    done = export(
        "mmstar-submission", mmstar_run, out=tmp_path,
        extra=("--data-dir", str(mmstar_data_dir), "--base-llm", str(mmstar_run)),
    )  # fmt: skip
    name = "modbias_text_follower"
    sheets = {
        "original": tmp_path / name / f"{name}_MMStar.xlsx",
        "no_image": tmp_path / f"{name}_text-only" / f"{name}_MMStar.xlsx",
        # the base LLM run has the model's name here, so its name gets a suffix
        "base": tmp_path / f"{name}-2" / f"{name}-2_MMStar.xlsx",
    }
    manifest = tmp_path / "modbias_mmstar_submission.json"
    assert done.stdout.split() == [*map(str, sheets.values()), str(manifest)]
    rows, _ = mmstar_rows()
    records = read_run(mmstar_run).records
    for variant, path in sheets.items():
        sheet = pd.read_excel(path)
        assert list(sheet.columns) == COLUMNS
        assert list(sheet["index"]) == rows["index"] and list(sheet.question) == rows["question"]
        assert list(sheet.answer) == rows["answer"] and list(sheet.category) == rows["category"]
        assert list(sheet.l2_category) == rows["l2_category"]
        assert list(sheet.bench) == [meta["source"] for meta in rows["meta_info"]]
        wanted = "no_image" if variant == "base" else variant
        answers = {int(r["pair_id"]): r["response"] for r in records if r["variant"] == wanted}
        assert list(sheet.prediction) == [answers[index] for index in sheet["index"]]
    written = json.loads(manifest.read_text())
    assert written["dataset_items"] == 8 and written["notes"] == []
    base = {"model": f"{name}-2", "variant": "no_image", "rows": 8, "file": f"{name}-2/{name}-2_MMStar.xlsx"}
    assert written["base_llm"] == base


def _answered(records: list[dict], variant: str, right: set[int], wrong_answer: str | None) -> list[dict]:
    """The run's ``variant`` records as a foreign log (no scores), answering the items in ``right``
    with the gold letter and the others with ``wrong_answer`` (else the letter after the gold)."""
    rewritten = []
    for record in (r for r in records if r["variant"] == variant):
        gold = record["target"]
        other = wrong_answer or LETTERS[(LETTERS.index(gold) + 1) % 4]
        kept = {k: v for k, v in record.items() if k not in ("parsed", "score", "valid", "invalid_reason")}
        rewritten.append(kept | {"response": gold if int(record["pair_id"]) in right else other})
    return rewritten


def test_mg_and_ml_from_the_sheets_by_mmstars_rule_are_modbiass(
    export: Export, mmstar_run: Path, mmstar_data_dir: Path, tmp_path: Path
) -> None:
    records = read_run(mmstar_run).records
    model = write_jsonl(
        tmp_path / "vlm.jsonl",
        _answered(records, "original", {0, 1, 2, 4, 5, 6}, None)
        + _answered(records, "no_image", {0, 2, 4, 6}, "yes"),
    )
    base = write_jsonl(tmp_path / "llm.jsonl", _answered(records, "no_image", {0, 4}, None))
    out = tmp_path / "out"
    export(
        "mmstar-submission",
        model,
        out=out,
        extra=("--data-dir", str(mmstar_data_dir), "--base-llm", str(base)),
    )
    s_v = mmstar_accuracy(pd.read_excel(out / "vlm" / "vlm_MMStar.xlsx"))
    s_wv = mmstar_accuracy(pd.read_excel(out / "vlm_text-only" / "vlm_MMStar.xlsx"))
    s_t = mmstar_accuracy(pd.read_excel(out / "llm" / "llm_MMStar.xlsx"))
    assert (s_v, s_wv, s_t) == (0.75, 0.5, 0.25)
    report = compute_report(read_run(model).records, resamples=0, base_llm_records=read_run(base).records)
    assert s_v - s_wv == report["benchmarks"]["mmstar"]["mg_no_image"]["value"]
    assert max(0.0, s_wv - s_t) == report["benchmarks"]["mmstar"]["ml"]["value"]


def test_without_a_base_llm_two_sheets_and_a_saved_note(
    export: Export, mmstar_run: Path, mmstar_data_dir: Path, tmp_path: Path
) -> None:
    done = export("mmstar-submission", mmstar_run, out=tmp_path, extra=("--data-dir", str(mmstar_data_dir)))
    assert len(list(tmp_path.rglob("*.xlsx"))) == 2
    assert "no --base-llm run, so no base-LLM sheet" in done.stderr
    manifest = json.loads((tmp_path / "modbias_mmstar_submission.json").read_text())
    assert manifest["base_llm"] is None and any("no --base-llm" in note for note in manifest["notes"])


def test_a_missing_local_copy_says_how_to_make_it(modbias: Modbias, mmstar_run: Path, tmp_path: Path) -> None:
    done = modbias(
        "export", "--format", "mmstar-submission", str(mmstar_run), "-o", str(tmp_path / "out"),
        "--data-dir", str(tmp_path / "empty"),
    )  # fmt: skip
    assert done.returncode == 1
    assert f"{tmp_path / 'empty' / 'mmstar'} is missing" in done.stderr and "save_to_disk" in done.stderr


def test_runs_without_mmstar_records_are_refused(
    modbias: Modbias, synth_runs: list[Path], tmp_path: Path
) -> None:
    done = modbias("export", "--format", "mmstar-submission", str(synth_runs[0]), "-o", str(tmp_path))
    assert done.returncode == 1
    assert "no run has modbias_mmstar records with the image (variant original)" in done.stderr


def test_missing_unknown_and_stand_in_image_answers_are_noted_and_saved(
    export: Export, mmstar_run: Path, mmstar_data_dir: Path, tmp_path: Path
) -> None:
    records = read_run(mmstar_run).records
    with_image = [r for r in records if r["variant"] == "original" and int(r["pair_id"]) < 6]
    stray = with_image[0] | {"pair_id": "99"}
    gray = [r | {"blind_mode": "gray_image"} for r in records if r["variant"] == "no_image"]
    run = write_jsonl(tmp_path / "vlm.jsonl", [*with_image, stray, *gray])
    done = export("mmstar-submission", run, out=tmp_path / "out", extra=("--data-dir", str(mmstar_data_dir)))
    assert len(pd.read_excel(tmp_path / "out" / "vlm" / "vlm_MMStar.xlsx")) == 6
    expected = [
        "vlm: with_image (original): 2 of 8 MMStar items have no answer (the leaderboard expects all)",
        "vlm: with_image (original): 1 answer(s) for items MMStar does not have, left out: ['99']",
        "vlm: without_image (no_image): 8 answer(s) were given with a stand-in image (blind_mode)",
    ]
    notes = json.loads((tmp_path / "out" / "modbias_mmstar_submission.json").read_text())["notes"]
    for line in expected:
        assert line in done.stderr and any(note.startswith(line) for note in notes), line
