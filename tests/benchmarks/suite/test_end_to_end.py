"""Every benchmark of this module end to end: local copies saved with ``save_to_disk``, one real
lmms-eval run over all nine tasks with the ``modbias_blind`` reference model (it never looks at the
image: a hinted answer when the prompt has a hint, else the first option letter of "A. ..." option
lines, else "yes"), and the records and metrics checked against values worked out by hand below."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import datasets
import pytest
import yaml

from mb_tasks.benchmarks.vlind.probes import probes_from_release
from mb_tasks.task_folders import TASK_YAMLS
from tests.benchmarks.suite import local_datasets

#: benchmark -> (test split, local DatasetDict builder)
COPIES = {
    "mmvp": ("train", lambda tmp: datasets.DatasetDict({"train": local_datasets.mmvp()})),
    "vqav2_val": ("validation", lambda tmp: datasets.DatasetDict({"validation": local_datasets.vqav2()})),
    "textvqa_val": ("validation", lambda tmp: datasets.DatasetDict({"validation": local_datasets.textvqa()})),
    "gqa": ("testdev", lambda tmp: local_datasets.gqa()),
    "chartqa": ("test", lambda tmp: datasets.DatasetDict({"test": local_datasets.chartqa()})),
    "hallusion_bench_image": (
        "image",
        lambda tmp: datasets.DatasetDict({"image": local_datasets.hallusion()}),
    ),
    "naturalbench": ("test", lambda tmp: datasets.DatasetDict({"test": local_datasets.naturalbench()})),
    "vlms_are_biased": ("main", lambda tmp: datasets.DatasetDict({"main": local_datasets.vlms_are_biased()})),
    "vlind": (
        "test",
        lambda tmp: datasets.DatasetDict(
            {"test": probes_from_release(local_datasets.vlind_release(tmp / "release"))}
        ),
    ),
}

#: Variants run here (the defaults for vlms_are_biased and vlind, a short set elsewhere).
VARIANTS = ["original", "no_image", "misleading_hint", "counterfactual"]
OWN_DEFAULTS = {"vlms_are_biased", "vlind"}

#: Records per benchmark: items x variants (counterfactual only where the data pairs an item).
EXPECTED_RECORDS = {
    "mmvp": 4 * 3 + 2,  # only pair 1 has opposite answers
    "vqav2_val": 4 * 3,
    "textvqa_val": 3 * 3,
    "gqa": 4 * 3,
    "chartqa": 3 * 3,
    "hallusion_bench_image": 4 * 3 + 1,  # figure 0, question 0 flips on figure 1
    "naturalbench": 8 * 4,
    "vlms_are_biased": 3 * 2,
    "vlind": 18 + 6,  # probes: 2 x (ck, vp, cb) x 2 + lp (3 good images x 2); lp has counterfactuals
}

#: Metric values the blind model must get, worked out from the local data.
EXPECTED_METRICS = {
    # golds A, B, B, B; answer "A" everywhere; pair 1's counterfactuals: targets B, A
    "mmvp": {
        "acc_original": 0.25,
        "acc_no_image": 0.25,
        "mg_no_image": 0.0,
        "cf_acc": 0.5,
        "prior_follow_rate": 0.5,
    },
    # "yes": item 1 all ten "yes" -> 1; item 2 three "yes" of ten -> (7 * 1 + 3 * 2/3) / 10 = 0.9
    "vqav2_val": {"acc_original": (1 + 0.9) / 4, "mg_no_image": 0.0},
    # "yes": item 2 has four "yes" of ten -> 1 (each gold sees >= 3 matching others)
    "textvqa_val": {"acc_original": 1 / 3},
    "gqa": {"acc_original": 0.5},
    # relaxed accuracy: "yes" equals "yes" and "Yes" (case-insensitive), not "2019"
    "chartqa": {"acc_original": 2 / 3},
    # golds yes, yes, no, yes; the one counterfactual's target is "no"; "yes" follows the prior
    "hallusion_bench_image": {
        "acc_original": 0.75,
        "cf_acc": 0.0,
        "prior_follow_rate": 1.0,
        "yes_ratio_original": 1.0,
    },
    # yes/no group golds yes, no, no, yes; the multiple-choice group's "yes" is unparseable
    "naturalbench": {
        "acc_original": 0.25,
        "invalid_rate_original": 0.5,
        "cf_acc": 0.25,
        "prior_follow_rate": 0.5,
    },
    # counterfactual targets 4, 5, Yes; priors 3, 4, No; "yes" matches only the illusion's truth
    "vlms_are_biased": {"cf_acc": 1 / 3, "prior_follow_rate": 0.0, "acc_no_image": 0.0},
    # "True" always: one statement of every pair right; no instance passes CK or VP
    "vlind": {
        "acc_original": 0.5,
        "cf_acc": 0.5,
        "prior_follow_rate": 0.5,
        "commonsense_knowledge": 0.0,
        "visual_perception": 0.0,
    },
}


def _local_tree(tmp_path: Path) -> Path:
    """Task stubs that include the real YAMLs and read the local copies (what --data-dir writes)."""
    tree = tmp_path / "tasks"
    tree.mkdir()
    for benchmark, (_, build) in COPIES.items():
        target = tmp_path / "data" / benchmark
        build(tmp_path).save_to_disk(str(target))
        stub = {
            "include": str(TASK_YAMLS / f"modbias_{benchmark}" / f"modbias_{benchmark}.yaml"),
            "task": f"modbias_{benchmark}",
            "dataset_path": str(target),
            "dataset_kwargs": {"load_from_disk": True},
        }
        if benchmark not in OWN_DEFAULTS:
            stub["metadata"] = {"version": 0.1, "modbias": {"benchmark": benchmark, "variants": VARIANTS}}
        (tree / f"modbias_{benchmark}.yaml").write_text(yaml.safe_dump(stub), encoding="utf-8")
    return tree


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, list[dict]]]:
    tmp_path = tmp_path_factory.mktemp("suite")
    tree = _local_tree(tmp_path)
    out = tmp_path / "out"
    tasks = ",".join(f"modbias_{benchmark}" for benchmark in COPIES)
    command = [
        sys.executable,
        "-m",
        "lmms_eval",
        "--model",
        "modbias_blind",
        "--tasks",
        tasks,
        "--include_path",
        str(tree),
        "--output_path",
        str(out),
        "--log_samples",
        "--batch_size",
        "1",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env=os.environ | {"HF_HUB_OFFLINE": "1"}, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    results_file = next(out.rglob("*_results.json"))
    records: dict[str, list[dict]] = {}
    for samples in out.rglob("*_samples_*.jsonl"):
        for line in samples.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)["record"]
            records.setdefault(record["benchmark"], []).append(record)
    return json.loads(results_file.read_text(encoding="utf-8"))["results"], records


@pytest.mark.parametrize("benchmark", list(COPIES))
def test_every_record_is_present(run: tuple[dict, dict], benchmark: str) -> None:
    _, records = run
    found = records.get(benchmark, [])
    assert len(found) == EXPECTED_RECORDS[benchmark]
    assert len({(r["pair_id"], r["variant"]) for r in found}) == len(found)


@pytest.mark.parametrize("benchmark", list(COPIES))
def test_blind_answers_ignore_the_image(run: tuple[dict, dict], benchmark: str) -> None:
    """Hinted rows answer the hint; all other rows give the same answer whatever the image."""
    _, records = run
    for record in records[benchmark]:
        if record["variant"] == "misleading_hint":
            assert record["parsed"] == record["hint_answer"], record
    unhinted = {}
    for record in records[benchmark]:
        if record["variant"] != "misleading_hint":
            unhinted.setdefault(record["pair_id"], set()).add(record["response"])
    assert all(len(responses) == 1 for responses in unhinted.values())


@pytest.mark.parametrize("benchmark", list(COPIES))
def test_metrics_match_the_hand_computed_values(run: tuple[dict, dict], benchmark: str) -> None:
    results, _ = run
    table = results[f"modbias_{benchmark}"]
    for metric, expected in EXPECTED_METRICS[benchmark].items():
        assert table[f"{metric},none"] == pytest.approx(expected), metric


def test_vlind_gated_scores_are_undefined_without_passes(run: tuple[dict, dict]) -> None:
    """No instance passes CK, so commonsense_bias (over CK passes) and language_prior are undefined."""
    results, _ = run
    table = results["modbias_vlind"]
    assert table.get("commonsense_bias,none") in (None, "N/A")
    assert table.get("language_prior,none") in (None, "N/A")
