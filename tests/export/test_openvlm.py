"""``modbias export --format openvlm``: an OpenVLM.json ``results`` fragment, one entry per model with
the fields the leaderboard's table reads, ``Overall`` in percent and the bias metrics beside it."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.leaderboard import LEADERBOARD_METRICS
from mb_tasks.metrics import compute_report
from mb_tasks.report.runs import read_run
from tests.export.conftest import RESAMPLES, Export

#: The META fields the Open VLM Leaderboard's table builder reads.
META_FIELDS = ("Method", "Parameters", "Language Model", "Vision Model", "OpenSource", "Verified")


def test_each_model_has_meta_and_a_dataset_entry_per_benchmark(
    export: Export, example_runs: list[Path], mmstar_run: Path, tmp_path: Path
) -> None:
    runs = [*example_runs, mmstar_run]
    export("openvlm", *runs, out=tmp_path)
    fragment = json.loads((tmp_path / "OpenVLM.json").read_text())
    labels = [read_run(path).label for path in runs]
    assert list(fragment) == labels
    datasets = {"modbias_toy_mcq", "modbias_toy_yesno"}
    assert [set(entry) - {"META"} for entry in fragment.values()] == [datasets, datasets, {"MMStar"}]
    for path, label in zip(runs, labels, strict=True):
        run = read_run(path)
        entry = fragment[label]
        assert set(META_FIELDS) <= set(entry["META"]) and entry["META"]["Method"] == [label, ""]
        assert entry["META"]["modbias"]["model_args"] == run.model_args
        assert entry["META"]["modbias"]["resamples"] == int(RESAMPLES)
        report = compute_report(run.records, seed=0, resamples=int(RESAMPLES))
        for benchmark, results in report["benchmarks"].items():
            dataset = entry["MMStar" if benchmark == "mmstar" else f"modbias_{benchmark}"]
            assert dataset["Overall"] == round(100 * results["acc_original"]["value"], 4)
            assert dataset["modbias_items"] == report["counts"][benchmark]["items"]
            for metric in LEADERBOARD_METRICS:
                value = results.get(metric, {})
                assert dataset[f"modbias_{metric}_n"] == value.get("n"), metric
                for key, suffix in (("value", ""), ("ci_low", "_ci_low"), ("ci_high", "_ci_high")):
                    expected = None if value.get(key) is None else round(value[key], 4)
                    assert dataset[f"modbias_{metric}{suffix}"] == expected, (metric, key)
    assert fragment[labels[0]]["modbias_toy_mcq"]["modbias_mg_no_image"] is not None
