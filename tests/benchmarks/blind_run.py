"""One end-to-end ``modbias run --data-dir`` over every suite benchmark's local copy
(``tests/benchmarks/local_data``) with the ``modbias_blind`` reference model, each task with its
default variants, shared by the per-benchmark tests, and the two checks they run on its output.

``modbias_blind`` never looks at the image: with a hint in the prompt it answers the hinted answer,
else its fixed answer, "A" when the prompt lists "A. ..." option lines and "yes" otherwise (so on
MMStar and CV-Bench, whose options are written inline, every unhinted answer is an invalid "yes").

- :func:`check_blind_run`, for a benchmark whose every item runs the eight default variants and is
  scored by exact match: records and metrics against DESIGN.md's formulas computed here,
  independently of ``mb_tasks.metrics``;
- :func:`check_counted_run`, for the others (soft or relaxed scoring, native counterfactuals, a
  variant set of their own): the record count and metric values worked out by hand in each test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from statistics import fmean
from typing import Any

import pytest

from tests.benchmarks.local_data import BENCHMARKS, save_local_copy

#: The default variant set of the benchmarks without native counterfactuals.
VARIANTS = (
    "original", "no_image", "blank", "noise", "mismatch",
    "misleading_hint", "misleading_hint_no_image", "consistent_hint",
)  # fmt: skip
IMAGE_VARIANTS = ("no_image", "blank", "noise", "mismatch")
HINTED = ("misleading_hint", "misleading_hint_no_image", "consistent_hint")


def run_suite(
    root: Path, benchmarks: Sequence[str] = BENCHMARKS, env: Mapping[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """Local copies of ``benchmarks`` under ``root/data`` and one ``modbias run`` of all their tasks
    (under the environment variables ``env`` too); benchmark -> {"records", "metrics"} (metrics:
    lmms-eval's results, ``None`` when N/A)."""
    data_dir = root / "data"
    for benchmark in benchmarks:
        save_local_copy(benchmark, data_dir)
    output = root / "out"
    command = [
        sys.executable, "-m", "mb_tasks.cli.main", "run", "--data-dir", str(data_dir),
        "--model", "modbias_blind", "--tasks", ",".join(f"modbias_{b}" for b in benchmarks),
        "--log_samples", "--output_path", str(output),
    ]  # fmt: skip
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", **(env or {})}
    finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stderr[-4000:]
    (results_file,) = output.rglob("*_results.json")
    results = json.loads(results_file.read_text())["results"]
    found: dict[str, dict[str, Any]] = {}
    for benchmark in benchmarks:
        (samples,) = output.rglob(f"*_samples_modbias_{benchmark}.jsonl")
        metrics = {
            key.removesuffix(",none"): None if value == "N/A" else value
            for key, value in results[f"modbias_{benchmark}"].items()
            if key.endswith(",none") and "stderr" not in key and key != "record,none"
        }
        records = [json.loads(line)["record"] for line in samples.read_text().splitlines()]
        found[benchmark] = {"records": records, "metrics": metrics}
    return found


def _mean(values: list[float]) -> float | None:
    return fmean(values) if values else None


def expected_metrics(
    answers: dict[str, dict[str, str | None]],
    scores: dict[str, dict[str, float]],
    chances: dict[str, float],
    hints: dict[str, str],
    yesno: bool,
) -> dict[str, float | None]:
    """DESIGN.md's metrics from each item's parsed answers (None = invalid) and scores per variant,
    chance level and hinted wrong answer; every item has every variant."""
    items = list(answers)
    expected: dict[str, float | None] = {}
    for k in VARIANTS:
        expected[f"acc_{k}"] = _mean([scores[i][k] for i in items])
        expected[f"invalid_rate_{k}"] = _mean([float(answers[i][k] is None) for i in items])
    for k, name in (("no_image", "mg_no_image"), ("blank", "mg_blank"), ("mismatch", "vrs_mismatch")):
        expected[name] = _mean([scores[i]["original"] - scores[i][k] for i in items])
    expected["consistent_hint_gain"] = _mean(
        [scores[i]["consistent_hint"] - scores[i]["original"] for i in items]
    )
    expected["blind_above_chance"] = _mean([scores[i]["no_image"] - chances[i] for i in items])
    a_o, a_n, c = (
        _mean([scores[i]["original"] for i in items]),
        _mean([scores[i]["no_image"] for i in items]),
        _mean(list(chances.values())),
    )
    expected["blind_retention"] = (a_n - c) / (a_o - c) if a_o > c else None
    correct = [i for i in items if scores[i]["original"] == 1.0]
    for k in IMAGE_VARIANTS:
        both = [i for i in items if answers[i]["original"] is not None and answers[i][k] is not None]
        expected[f"image_sensitivity_{k}"] = _mean(
            [float(answers[i][k] != answers[i]["original"]) for i in both]
        )
        expected[f"grounded_flip_{k}"] = _mean([float(scores[i][k] < 1.0) for i in correct])
    hinted = [i for i in items if answers[i]["misleading_hint"] is not None]
    expected["hint_follow_rate"] = _mean([float(answers[i]["misleading_hint"] == hints[i]) for i in hinted])
    expected["hint_follow_given_correct"] = _mean(
        [float(answers[i]["misleading_hint"] == hints[i]) for i in hinted if i in correct]
    )
    expected["hint_norm"] = expected["acc_misleading_hint"] / a_o if a_o else None
    text = image = 0
    for i in items:
        o, mh, mhni = (answers[i][k] for k in ("original", "misleading_hint", "misleading_hint_no_image"))
        if None not in (o, mh, mhni) and o != mhni:
            text += mh == mhni
            image += mh == o
    expected["text_preference_ratio"] = text / (text + image) if text + image else None
    if yesno:
        for k in VARIANTS:
            valid = [answers[i][k] for i in items if answers[i][k] is not None]
            expected[f"yes_ratio_{k}"] = _mean([float(answer == "yes") for answer in valid])
    parts = (
        [min(1.0, max(0.0, expected["blind_retention"]))] if expected["blind_retention"] is not None else []
    )
    parts += [expected["text_preference_ratio"]] if expected["text_preference_ratio"] is not None else []
    expected["modality_bias_index"] = _mean(parts)
    return expected


def check_blind_run(
    run: dict[str, Any],
    fixed_answer: str,
    golds: dict[str, str],
    chances: dict[str, float],
    categories: dict[str, str],
    clusters: dict[str, str | None],
) -> None:
    """The run's records are exactly items × variants with the expected fields, answers (the hinted
    one, else ``fixed_answer``) and scores, and lmms-eval's results table holds the metrics that
    follow from the blind model's answers."""
    records, metrics = run["records"], run["metrics"]
    yesno = records[0]["answer_type"] == "yesno"
    keys = [(record["pair_id"], record["variant"]) for record in records]
    assert sorted(keys) == sorted((item, variant) for item in golds for variant in VARIANTS)
    hints = {r["pair_id"]: r["hint_answer"] for r in records if r["variant"] == "misleading_hint"}
    answers: dict[str, dict[str, str | None]] = {item: {} for item in golds}
    scores: dict[str, dict[str, float]] = {item: {} for item in golds}
    for record in records:
        item, variant = record["pair_id"], record["variant"]
        gold = golds[item]
        assert record["target"] == gold, record
        assert (record["category"], record["cluster"]) == (categories[item], clusters[item]), record
        assert record["chance"] == chances[item], record
        assert record.get("blind_mode") == ("text_only" if "no_image" in variant else None), record
        if variant == "consistent_hint":
            assert record["hint_answer"] == gold, record
        elif variant.startswith("misleading_hint"):
            assert record["hint_answer"] == hints[item] != gold, record
        response = record.get("hint_answer") if variant in HINTED else fixed_answer
        parsed = response if yesno or response != "yes" else None  # "yes" names no option
        assert (record["response"], record["parsed"], record["valid"]) == (
            response,
            parsed,
            parsed is not None,
        )
        assert record["score"] == float(parsed == gold), record
        answers[item][variant], scores[item][variant] = parsed, record["score"]
    for name, value in expected_metrics(answers, scores, chances, hints, yesno).items():
        if value is None:
            assert metrics[name] is None, name
        else:
            assert abs(metrics[name] - value) < 1e-12, (name, metrics[name], value)


def check_counted_run(run: dict[str, Any], records: int, metrics: Mapping[str, float | None]) -> None:
    """The run has ``records`` records, one per (item, variant); hinted rows answer the hint and every
    other row of an item gives the same answer whatever its image; lmms-eval's results hold
    ``metrics`` (``None``: undefined, N/A)."""
    found = run["records"]
    assert len(found) == records
    assert len({(r["pair_id"], r["variant"]) for r in found}) == len(found)
    unhinted: dict[str, set[str]] = {}
    for record in found:
        if record["variant"] == "misleading_hint":
            assert record["parsed"] == record["hint_answer"], record
        elif record["variant"] not in HINTED:
            unhinted.setdefault(record["pair_id"], set()).add(record["response"])
    assert all(len(responses) == 1 for responses in unhinted.values())
    for name, expected in metrics.items():
        value = run["metrics"].get(name)
        assert value == (expected if expected is None else pytest.approx(expected)), name
