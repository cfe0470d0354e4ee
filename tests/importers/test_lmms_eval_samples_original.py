"""A standard lmms-eval run of ``mmstar`` read as ``modbias_mmstar``'s original variant
(``modbias import lmms-eval-samples --as-original-of``): with a modbias run of the other variants it
gives the report of a full modbias_mmstar run, item by item, and a sample whose logged prompt is not
byte-identical to modbias's original prompt is named and left out.

Both harness runs are lmms-eval's own evaluator on a local MMStar copy, the standard one written to
disk by lmms-eval's own tracker (the file format a user has); the model answers a letter hashed from
the prompt and the image pixels, so each item gets its own answer and equal requests equal answers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from mb_tasks.benchmarks.base import provide_adapter_extras
from mb_tasks.importers import ImportRequest, import_records
from mb_tasks.metrics import compute_report
from mb_tasks.task_folders import TASK_YAMLS
from tests.importers.mmstar_folders import ALL_VARIANTS, TASK, mmstar_folders

DATE = "20260101_120000"


def hashed_letter(prompt: str, images: Sequence[Image.Image]) -> str:
    """A letter from the SHA-256 of the prompt and the images' pixels."""
    digest = hashlib.sha256(prompt.encode() + b"".join(image.tobytes() for image in images)).digest()
    return "ABCD"[digest[0] % 4]


def hash_answers() -> Any:
    """The model answering :func:`hashed_letter` (lmms-eval and torch load here, not at collection)."""
    from mb_tasks.models.reference import ReferenceModel

    class HashAnswers(ReferenceModel):
        policy = staticmethod(hashed_letter)

    return HashAnswers()


def evaluate(task: str, folder: Path, tracker: Any = None) -> dict[str, Any]:
    """lmms-eval's evaluator over ``folder``'s task, samples logged (to ``tracker``, an
    ``EvaluationTracker``, when given)."""
    from lmms_eval.evaluator import simple_evaluate
    from lmms_eval.tasks import TaskManager

    manager = TaskManager("WARNING", include_path=str(folder), include_defaults=False)
    results = simple_evaluate(
        model=hash_answers(), tasks=[task], task_manager=manager, log_samples=True, evaluation_tracker=tracker
    )
    assert results is not None
    return results


def records(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [sample["record"] for sample in results["samples"][TASK]]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The standard mmstar run's samples file, a modbias run without original, and a full one."""
    from lmms_eval.loggers import EvaluationTracker

    root = tmp_path_factory.mktemp("mmstar_runs")
    folders = mmstar_folders(root)
    tracker = EvaluationTracker(output_path=str(root / "out"))
    standard = evaluate("mmstar", folders.standard, tracker)
    samples = standard.pop("samples")
    tracker.save_results_aggregated(results=standard, samples=samples, datetime_str=DATE)
    tracker.save_results_samples(task_name="mmstar", samples=samples["mmstar"])
    (samples_file,) = (root / "out").rglob(f"{DATE}_samples_mmstar.jsonl")
    return {
        "data": folders.data,
        "samples_file": samples_file,
        "counterfactual": records(evaluate(TASK, folders.counterfactual)),
        "full": records(evaluate(TASK, folders.full)),
    }


def as_original(samples_file: Path, data: Path) -> Any:
    request = ImportRequest(paths=(samples_file,), data=data, as_original_of=TASK)
    return import_records("lmms-eval-samples", request)


def test_the_standard_run_completes_a_run_without_original_into_the_full_report(runs: dict[str, Any]):
    imported = as_original(runs["samples_file"], runs["data"])
    assert imported.problems == []
    assert {r["variant"] for r in runs["counterfactual"]} == set(ALL_VARIANTS[1:])
    full_originals = {r["pair_id"]: r for r in runs["full"] if r["variant"] == "original"}
    assert len(imported.records) == len(full_originals) == 8
    for record in imported.records:
        expected = full_originals[record["pair_id"]]
        assert (record["response"], record["score"], record["target"]) == (
            expected["response"], expected["score"], expected["target"]
        )  # fmt: skip
        assert (
            record["source"]["format"] == "lmms-eval-samples" and record["source"]["model"] == "HashAnswers"
        )
    assert len({r["response"] for r in imported.records}) > 1  # items got different answers
    provide_adapter_extras()  # as the modbias command does: benchmark extras come from the adapters
    merged = compute_report(imported.records + runs["counterfactual"], resamples=500)
    full = compute_report(runs["full"], resamples=500)
    assert merged["benchmarks"] == full["benchmarks"]
    assert merged["warnings"] == full["warnings"] and merged["leak_canary"] == full["leak_canary"]


def test_a_sample_whose_prompt_differs_is_named_and_left_out(runs: dict[str, Any], tmp_path: Path):
    lines = runs["samples_file"].read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[2])
    edited["input"] = edited["input"].replace("Answer with", "Answer  with")
    lines[2] = json.dumps(edited)
    moved = json.loads(lines[3]) | {"doc_id": 99}
    lines[3] = json.dumps(moved)
    changed = tmp_path / runs["samples_file"].name
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = as_original(changed, runs["data"])
    assert len(imported.records) == 6
    assert len(imported.problems) == 2
    assert imported.problems[0] == (
        f"{changed}:3: doc_id 2 (item 2): the logged prompt is not the one {TASK} sends for its original "
        """variant (first difference at character 96: logged " with the option's letter from", """
        """modbias "with the option's letter from "); skipped"""
    )
    assert imported.problems[1] == (
        f"{changed}:4: doc_id 99 is no item of {TASK} (dropped there or out of range); skipped"
    )


def test_a_missing_local_copy_or_task_is_one_problem_per_file(runs: dict[str, Any], tmp_path: Path):
    missing = as_original(runs["samples_file"], tmp_path / "nowhere")
    assert missing.records == [] and len(missing.problems) == 1
    assert missing.problems[0].startswith(
        f"{runs['samples_file']}: --as-original-of {TASK}: cannot load its base data"
    )
    request = ImportRequest(paths=(runs["samples_file"],), as_original_of="modbias_nope")
    unknown = import_records("lmms-eval-samples", request)
    assert unknown.records == [] and unknown.problems == [
        f"{runs['samples_file']}: --as-original-of modbias_nope: no such modbias task under {TASK_YAMLS}; "
        "file skipped"
    ]
