"""The reference models on modbias_synth_audio: their answers, and so their audio metrics, follow
from their definitions. Requests are the task's real rows (doc_to_text / doc_to_visual: recordings or
nothing), answered by the models lmms-eval's registry resolves, on both request paths; the numbers
are the engine's, the expected values computed here from the items alone."""

import datasets
import pytest

from mb_tasks.benchmarks.synth.items import load_items
from mb_tasks.lmms import doc_to_text, doc_to_visual
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.task import expand_for
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.task_folders import SYNTH_AUDIO_ITEMS
from tests.models.answering import answers, metrics_of, report_of, wording_accuracy

ITEMS = load_items(SYNTH_AUDIO_ITEMS)[:60]  # 12 of every family: 36 that need the audio
PRIOR_GOLD = {"prior_rise": "rising", "prior_fall": "falling"}
TASK = "modbias_synth_audio"
AUDIO_GAINS = ("mg_no_audio", "mg_silence", "mg_noise_audio")


@pytest.fixture(scope="module")
def requests():
    """(row, prompt, visuals) of every row of the items under every audio variant."""
    rows = expand_for(
        datasets.Dataset.from_list(ITEMS), TaskSettings("synth_audio", MODALITY_VARIANTS["audio"])
    )
    return [(row, doc_to_text(row), doc_to_visual(row)) for row in rows]


def _prior_accuracy():
    return wording_accuracy(ITEMS, PRIOR_GOLD)


def test_the_oracle_hears_the_recording_in_order(requests):
    metrics = metrics_of("modbias_oracle", TASK, requests)
    prior = _prior_accuracy()
    assert 0 < prior < 1
    assert metrics["acc_original"] == metrics["cf_acc"] == metrics["pair_acc"] == 1.0
    for variant in ("no_audio", "silence", "noise_audio", "misleading_hint_no_image"):
        assert metrics[f"acc_{variant}"] == pytest.approx(prior), variant
    for name in AUDIO_GAINS:
        assert metrics[name] == pytest.approx(1 - prior), name
    assert metrics["audio_sensitivity_silence"] == pytest.approx(1 - prior)
    assert 0 < metrics["audio_sensitivity_mismatch_audio"] < 1
    assert metrics["hint_follow_rate"] == 0.0 and metrics["prior_follow_rate"] == 0.0
    # blind_retention over no_audio: (A_n − C) / (A_o − C) with chance 1/4 and A_o = 1
    assert metrics["blind_retention"] == pytest.approx((prior - 0.25) / 0.75)
    assert metrics["modality_bias_index"] == pytest.approx(metrics["blind_retention"] / 2)  # text ratio 0


def test_the_blind_model_answers_the_same_whatever_it_hears(requests):
    metrics = metrics_of("modbias_blind", TASK, requests)
    assert metrics["acc_original"] == pytest.approx(_prior_accuracy())
    for name in (*AUDIO_GAINS, "audio_sensitivity_noise_audio", "audio_sensitivity_mismatch_audio"):
        assert metrics[name] == 0.0, name
    assert metrics["hint_follow_rate"] == 1.0
    assert metrics["blind_retention"] == metrics["modality_bias_index"] == 1.0


def test_the_leak_canary_hears_a_leaky_wrapper_and_not_an_honest_one(requests):
    honest, leaky = (
        report_of(model, TASK, requests, resamples=500) for model in ("modbias_oracle", "modbias_leaky")
    )
    assert honest["leak_canary"]["synth_audio"]["checked"] and leaky["leak_canary"]["synth_audio"]["checked"]
    assert not any("LEAK CANARY" in warning for warning in honest["warnings"])
    [warning] = [warning for warning in leaky["warnings"] if warning.startswith("LEAK CANARY synth_audio")]
    assert "items that need the audio" in warning and "Bias metrics that use no_audio" in warning
    assert leaky["benchmarks"]["synth_audio"]["mg_no_audio"]["value"] == 0.0  # the leak hides the gain


def test_the_chat_path_hands_the_oracle_the_same_recordings(requests):
    sample = requests[: 3 * len(MODALITY_VARIANTS["audio"])]
    assert answers("modbias_oracle", TASK, sample, simple=False) == answers("modbias_oracle", TASK, sample)
