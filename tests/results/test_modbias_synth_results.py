"""The committed reference-model results on modbias_synth follow from the models' definitions
(README, "The synthetic benchmark"): read from the committed files, no model run."""

import json
from pathlib import Path

import pytest

from mb_tasks.benchmarks.synth import load_items, prompt_text
from mb_tasks.models.policies import blind_answer
from mb_tasks.parsing import score_answer
from mb_tasks.records import VARIANTS

RESULTS = Path(__file__).resolve().parents[2] / "results"
SYNTH = RESULTS / "modbias_synth"
MODELS = ("modbias_oracle", "modbias_blind", "modbias_text_follower", "modbias_leaky")
ITEMS = load_items()
ROWS = len(ITEMS) * len(VARIANTS)  # every item under every variant (each has a counterfactual): no --limit


def _leaderboard() -> dict[str, dict]:
    rows = json.loads((SYNTH / "leaderboard.json").read_text())["rows"]
    return {row["model"]: row for row in rows}


def _report(model: str) -> dict:
    return json.loads((SYNTH / model / "report.json").read_text())


def _lmms_results(model: str) -> dict:
    (path,) = (SYNTH / model).glob("*_results.json")
    return json.loads(path.read_text())


def test_the_oracle_sees_everything_and_ignores_hints():
    oracle = _leaderboard()["modbias_oracle"]
    assert oracle["acc_original"] == 1.0
    assert oracle["text_preference_ratio"] == 0.0 and oracle["text_preference_ratio_n"] > 0
    assert oracle["hint_follow_rate"] == 0.0
    assert oracle["modality_bias_index"] == 0.0


def test_the_text_follower_follows_every_hint_and_otherwise_answers_like_the_oracle():
    rows = _leaderboard()
    follower, oracle = rows["modbias_text_follower"], rows["modbias_oracle"]
    assert follower["text_preference_ratio"] == 1.0 and follower["hint_follow_rate"] == 1.0
    assert follower["acc_original"] == 1.0
    assert follower["mg_no_image"] == oracle["mg_no_image"]  # without hints the two answer alike


def test_the_blind_model_answers_the_same_with_or_without_the_image():
    blind = _leaderboard()["modbias_blind"]
    assert blind["mg_no_image"] == 0.0 and blind["mg_no_image_n"] == len(ITEMS)
    assert blind["vrs_mismatch"] == 0.0 and blind["image_sensitivity_mismatch"] == 0.0
    assert blind["blind_retention"] == 1.0 and blind["modality_bias_index"] == 1.0


def test_the_leaky_model_trips_the_canary_and_the_oracle_does_not():
    leaky = _leaderboard()["modbias_leaky"]
    assert leaky["acc_original"] == 1.0 and leaky["mg_no_image"] == 0.0  # the reused image answers
    assert any(w.startswith("LEAK CANARY synth") for w in _report("modbias_leaky")["warnings"])
    assert not any("LEAK CANARY" in w for w in _report("modbias_oracle")["warnings"])
    # The blind model is right without the image only on the common-knowledge families.
    blind = _report("modbias_blind")
    assert blind["benchmarks"]["synth"]["blind_above_chance"]["value"] > 0.1
    assert blind["leak_canary"]["synth"]["ci_low"] <= 0.1
    assert not any("LEAK CANARY" in w for w in blind["warnings"])


def test_the_leaderboard_is_sorted_by_modality_bias_index_and_matches_its_markdown():
    rows = json.loads((SYNTH / "leaderboard.json").read_text())["rows"]
    assert [row["rank"] for row in rows] == list(range(1, len(MODELS) + 1))
    assert {row["model"] for row in rows} == set(MODELS)
    indices = [row["modality_bias_index"] for row in rows]
    assert indices == sorted(indices)
    markdown = (SYNTH / "leaderboard.md").read_text().splitlines()[2:]
    assert [line.split("|")[2].strip() for line in markdown] == [row["model"] for row in rows]


@pytest.mark.parametrize("model", MODELS)
def test_each_run_is_the_full_task_and_its_report_agrees_with_lmms_eval(model: str):
    lmms = _lmms_results(model)
    assert lmms["n-samples"]["modbias_synth"]["effective"] == ROWS
    assert lmms["config"]["model"] == model
    report = _report(model)["benchmarks"]["synth"]
    for metric in ("acc_original", "mg_no_image", "hint_follow_rate"):
        assert report[metric]["value"] == pytest.approx(lmms["results"]["modbias_synth"][f"{metric},none"])
    assert _leaderboard()[model]["acc_original"] == pytest.approx(report["acc_original"]["value"])


def test_the_reproducing_command_is_committed_and_documented():
    script = (SYNTH / "reproduce.sh").read_text()
    assert all(model in script for model in MODELS)
    assert "results/modbias_synth/reproduce.sh" in (RESULTS / "README.md").read_text()


def test_the_blind_models_blind_above_chance_follows_from_the_items_and_is_the_readmes():
    """Recomputed from the committed items with the blind model's own policy (no image, no hint):
    right on the common-knowledge families, the fixed answer elsewhere."""
    excess = [
        score_answer(
            blind_answer(prompt_text(item["question"], item["options"]), []),
            item["answer_type"],
            item["target"],
            item["options"] or None,
        ).score
        - item["chance"]
        for item in ITEMS
    ]
    expected = sum(excess) / len(excess)
    reported = _report("modbias_blind")["benchmarks"]["synth"]["blind_above_chance"]
    assert reported["value"] == pytest.approx(expected) and reported["n"] == len(ITEMS)
    assert f"`blind_above_chance` is {expected:.2f}" in (RESULTS / "README.md").read_text()
