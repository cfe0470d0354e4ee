"""modbias_synth_audio's items: balanced, exact chance, deterministic, and answered by the sounds in
order (heard by the reference oracle's ear, checked against the generator's own golds)."""

from collections import Counter

import numpy as np
import pytest

from mb_tasks.benchmarks.synth_audio.generate import generate_items, make_item
from mb_tasks.benchmarks.synth_audio.hearing import hear_answer, heard_tones, sweep
from mb_tasks.benchmarks.synth_audio.questions import FAMILIES, parse_question, prior_answer
from mb_tasks.benchmarks.synth_audio.sound import RATE, make_recording, render_recording, tone
from mb_tasks.variants.audio import noise_audio, reversed_audio, silence

ITEMS = generate_items(per_family=12)


def _letter(item: dict, option: str | None) -> str | None:
    return None if option is None else "ABCD"[item["options"].index(option)]


def test_items_are_balanced_and_chance_is_exact():
    assert Counter(item["category"] for item in ITEMS) == dict.fromkeys(FAMILIES, 12)
    letters = Counter(item["target"] for item in ITEMS)
    assert max(letters.values()) - min(letters.values()) <= 3
    for item in ITEMS:
        assert len(item["options"]) == 4 == len(set(item["options"])) and item["chance"] == 0.25
        assert item["target"] != item["cf_target"]
        assert parse_question(f"Listen.\n{item['question']}\nA. x") == item["query"]


def test_the_same_seed_gives_the_same_items_and_samples():
    assert make_item("beeps_before", 3) == make_item("beeps_before", 3)
    assert make_item("beeps_before", 3) != make_item("beeps_before", 3, seed=1)
    first = render_recording(make_item("pitch", 5)["recording"])
    assert first.dtype == np.float32 and len(first) == round(1.5 * RATE)
    assert first.tobytes() == render_recording(make_item("pitch", 5)["recording"]).tobytes()


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_the_recording_answers_and_its_reverse_answers_the_counterfactual(item):
    samples = render_recording(item["recording"])
    assert _letter(item, hear_answer(item["query"], item["options"], samples, RATE)) == item["target"]
    backwards = reversed_audio(samples)
    assert _letter(item, hear_answer(item["query"], item["options"], backwards, RATE)) == item["cf_target"]
    for no_content in (silence(samples), noise_audio(samples, "synth_audio", item["id"], 0)):
        assert hear_answer(item["query"], item["options"], no_content, RATE) is None


def test_the_prior_families_wording_gives_the_original_answer():
    for item in ITEMS:
        implied = prior_answer(item["query"])
        if item["category"].startswith("prior_"):
            assert _letter(item, implied) == item["target"]
        else:
            assert implied is None


def test_the_ear_measures_pitch_and_timing():
    recording = make_recording([tone(0.1, 0.3, 400.0, 800.0), tone(0.6, 0.1, 1000.0)], 1.0)
    first, second = heard_tones(render_recording(recording), RATE)
    assert first.start == pytest.approx(0.1, abs=0.01) and first.end == pytest.approx(0.4, abs=0.01)
    assert first.start_hz == pytest.approx(467, rel=0.1) and first.end_hz == pytest.approx(733, rel=0.1)
    assert sweep(first) == "rising" and sweep(second) == "steady"
    assert second.pitch == pytest.approx(1000, rel=0.05)
