"""``modbias export --format hf-model-card``: a README.md per model whose model-index huggingface_hub's
own parser reads back into the report's headline numbers, intervals and n."""

from __future__ import annotations

from pathlib import Path

from huggingface_hub import ModelCard
from huggingface_hub.repocard_data import model_index_to_eval_results

from mb_tasks.leaderboard import LEADERBOARD_METRICS
from mb_tasks.metrics import compute_report
from mb_tasks.report.runs import read_run
from tests.export.conftest import RESAMPLES, Export


def test_model_index_round_trips_through_huggingface_hub(
    export: Export, synth_runs: list[Path], example_runs: list[Path], tmp_path: Path
) -> None:
    runs = [synth_runs[0], example_runs[1]]
    done = export("hf-model-card", *runs, out=tmp_path)
    cards = sorted(tmp_path.rglob("README.md"))
    assert done.stdout.split() == [str(tmp_path / "modbias_oracle" / "README.md"), str(cards[0])]
    for run_path in runs:
        run = read_run(run_path)
        report = compute_report(run.records, seed=0, resamples=int(RESAMPLES))
        card = ModelCard.load(tmp_path / run.label.replace("/", "_") / "README.md")
        name, results = model_index_to_eval_results(card.data.to_dict()["model-index"])
        assert name == card.data.model_name == run.label
        expected = {
            (f"modbias_{benchmark}", metric)
            for benchmark, values in report["benchmarks"].items()
            for metric in LEADERBOARD_METRICS
            if metric in values and values[metric]["value"] is not None
        }
        assert {(r.dataset_name, r.metric_type) for r in results} == expected and len(results) == len(
            expected
        )
        for result in results:
            value = report["benchmarks"][result.dataset_name.removeprefix("modbias_")][result.metric_type]
            assert result.task_type == "visual-question-answering"
            assert result.metric_value == round(value["value"], 4)
            assert result.metric_args["ci_low"] == round(value["ci_low"], 4)
            assert result.metric_args["ci_high"] == round(value["ci_high"], 4)
            assert result.metric_args["n"] == value["n"]
            assert (result.metric_args["resamples"], result.metric_args["seed"]) == (int(RESAMPLES), 0)
        # The card's text shows the same numbers as a table.
        first = results[0]
        assert f"| {first.dataset_name} | {first.metric_type} | {first.metric_value:.4f} |" in card.text


def test_hub_datasets_are_named_by_their_hub_id(export: Export, mmstar_run: Path, tmp_path: Path) -> None:
    export("hf-model-card", mmstar_run, out=tmp_path)
    card = ModelCard.load(tmp_path / "modbias_text_follower" / "README.md")
    datasets = {(r.dataset_type, r.dataset_name, r.dataset_split) for r in card.data.eval_results}
    assert datasets == {("Lin-Chen/MMStar", "modbias_mmstar", "val")}
    directions = {r.metric_type: r.metric_args["higher_is_better"] for r in card.data.eval_results}
    assert directions["mg_no_image"] is True and directions["hint_follow_rate"] is False
