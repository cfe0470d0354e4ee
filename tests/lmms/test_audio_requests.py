"""An audio benchmark's requests on real rows: each variant's recording (or none), its text, its
record, and a recording that cannot be rendered."""

from __future__ import annotations

import datasets
import numpy as np
import pytest

from mb_tasks.benchmarks.synth.items import load_items
from mb_tasks.benchmarks.synth_audio.sound import RATE, render_recording
from mb_tasks.lmms import doc_to_text, doc_to_visual, process_results
from mb_tasks.lmms.settings import GRAY_IMAGE, TaskSettings, settings_from_config
from mb_tasks.lmms.task import expand_for
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.task_folders import SYNTH_AUDIO_ITEMS
from mb_tasks.variants.audio import noise_audio

ITEMS = load_items(SYNTH_AUDIO_ITEMS)[:10]  # two of every family
AUDIO = MODALITY_VARIANTS["audio"]


@pytest.fixture(scope="module")
def rows():
    return expand_for(datasets.Dataset.from_list(ITEMS), TaskSettings("synth_audio", AUDIO, seed=0))


def _by_variant(rows, pair_id):
    return {row["variant"]: row for row in rows if row["pair_id"] == pair_id}


def _samples_of(row) -> np.ndarray:
    [recording] = doc_to_visual(row)
    assert recording["sampling_rate"] == RATE and recording["type"] == "audio"
    return recording["array"]


def test_every_item_gets_every_audio_variant_item_major(rows):
    assert [row["variant"] for row in rows] == list(AUDIO) * len(ITEMS)
    assert {row["item_variants"] for row in rows} == {len(AUDIO)}


def test_each_variant_plays_what_its_name_says(rows):
    item = ITEMS[0]
    samples = render_recording(item["recording"])
    row = _by_variant(rows, item["id"])
    assert _samples_of(row["original"]).tobytes() == samples.tobytes()
    for hinted in ("misleading_hint", "consistent_hint"):
        assert _samples_of(row[hinted]).tobytes() == samples.tobytes()
    assert len(_samples_of(row["silence"])) == len(samples) and not _samples_of(row["silence"]).any()
    expected_noise = noise_audio(samples, "synth_audio", item["id"], 0)
    assert _samples_of(row["noise_audio"]).tobytes() == expected_noise.tobytes()
    assert _samples_of(row["counterfactual"]).tobytes() == samples[::-1].tobytes()
    assert doc_to_visual(row["no_audio"]) == doc_to_visual(row["misleading_hint_no_image"]) == []


def test_mismatch_audio_plays_another_recording_of_the_same_family(rows):
    for item in ITEMS:
        row = _by_variant(rows, item["id"])["mismatch_audio"]
        donor = next(other for other in ITEMS if other["id"] == row["donor_id"])
        assert donor["id"] != item["id"] and donor["category"] == item["category"]
        assert _samples_of(row).tobytes() == render_recording(donor["recording"]).tobytes()


def test_no_audio_is_text_only_under_every_policy(rows):
    row = _by_variant(rows, ITEMS[1]["id"])
    base = doc_to_text(row["original"])
    assert doc_to_text(row["no_audio"]) == base
    assert doc_to_text(row["misleading_hint_no_image"]).endswith(f"\n{base}")
    gray = {"modbias_no_image": GRAY_IMAGE}
    assert doc_to_visual(row["no_audio"], gray) == []
    assert doc_to_text(row["no_audio"], gray) == doc_to_text(row["no_audio"])
    record = process_results(row["no_audio"], ["A"])["record"]
    assert record["variant"] == "no_audio" and record["chance"] == 0.25 and "skipped" not in record
    assert record["blind_mode"] == "text_only"  # what the request was, whatever the model's kwargs said


def test_an_audio_task_refuses_image_and_video_variants():
    for other in ("blank", "no_video"):
        with pytest.raises(ValueError, match=rf"unknown variant\(s\) \['{other}'\]; expected audio variants"):
            settings_from_config("modbias_synth_audio", {"modbias": {"variants": ["original", other]}})
    assert settings_from_config("modbias_synth_audio", {}).variants == AUDIO


def test_a_recording_that_cannot_be_rendered_is_named_and_its_records_skipped():
    broken = [dict(ITEMS[0], recording={"tones": []}), *ITEMS[1:3]]
    rows = expand_for(datasets.Dataset.from_list(broken), TaskSettings("synth_audio", ("original",)))
    assert doc_to_visual(rows[0]) == []
    record = process_results(rows[0], ["A"])["record"]
    assert "its recording cannot be rendered" in record["skipped"] and ITEMS[0]["id"] in record["skipped"]
    assert "skipped" not in process_results(rows[1], ["A"])["record"]
