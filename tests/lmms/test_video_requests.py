"""A video benchmark's requests on real rows: each variant's visual (clip path, still or none), its
text, its record, and a clip that cannot be rendered."""

from __future__ import annotations

import datasets
import numpy as np
import pytest
from PIL import Image

from mb_tasks.benchmarks.synth.items import load_items
from mb_tasks.benchmarks.synth_video.clip import render_clip
from mb_tasks.lmms import doc_to_text, doc_to_visual, process_results
from mb_tasks.lmms.settings import GRAY_IMAGE, TaskSettings, settings_from_config
from mb_tasks.lmms.task import expand_for
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.task_folders import SYNTH_VIDEO_ITEMS
from mb_tasks.variants.clips import CLIP_CACHE_ENV, decode_clip
from mb_tasks.variants.video import shuffled_frames

ITEMS = load_items(SYNTH_VIDEO_ITEMS)[:10]  # two of every family
VIDEO = MODALITY_VARIANTS["video"]


@pytest.fixture(autouse=True)
def clip_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CLIP_CACHE_ENV, str(tmp_path / "clips"))
    return tmp_path / "clips"


@pytest.fixture(scope="module")
def rows():
    return expand_for(datasets.Dataset.from_list(ITEMS), TaskSettings("synth_video", VIDEO, seed=0))


def _by_variant(rows, pair_id):
    return {row["variant"]: row for row in rows if row["pair_id"] == pair_id}


def _clip_of(row) -> np.ndarray:
    [path] = doc_to_visual(row)
    assert isinstance(path, str) and path.endswith(".mp4")
    return decode_clip(path)


def test_every_item_gets_every_video_variant_item_major(rows):
    assert [row["variant"] for row in rows] == list(VIDEO) * len(ITEMS)
    assert {row["item_variants"] for row in rows} == {len(VIDEO)}


def test_each_variant_shows_what_its_name_says(rows, clip_cache):
    item = ITEMS[0]
    frames = render_clip(item["clip"])
    row = _by_variant(rows, item["id"])
    assert (_clip_of(row["original"]) == frames).all()
    for hinted in ("misleading_hint", "consistent_hint"):
        assert doc_to_visual(row[hinted]) == doc_to_visual(row["original"])
    [still] = doc_to_visual(row["single_frame"])
    assert isinstance(still, Image.Image) and (np.asarray(still) == frames[4]).all()
    shuffled = _clip_of(row["shuffled_frames"])
    assert (shuffled == shuffled_frames(frames, "synth_video", item["id"], 0)).all()
    assert not (shuffled == frames).all()
    assert (_clip_of(row["reversed_frames"]) == frames[::-1]).all()
    assert (_clip_of(row["counterfactual"]) == frames[::-1]).all()
    assert (_clip_of(row["frozen_video"]) == frames[4]).all()
    assert doc_to_visual(row["no_video"]) == doc_to_visual(row["misleading_hint_no_image"]) == []
    assert all(path.suffix == ".mp4" for path in clip_cache.iterdir())


def test_mismatch_video_shows_another_clip_of_the_same_family(rows):
    for item in ITEMS:
        row = _by_variant(rows, item["id"])["mismatch_video"]
        donor = next(other for other in ITEMS if other["id"] == row["donor_id"])
        assert donor["id"] != item["id"] and donor["category"] == item["category"]
        assert (_clip_of(row) == render_clip(donor["clip"])).all()


def test_no_video_is_text_only_or_a_gray_still_under_the_gray_image_policy(rows):
    row = _by_variant(rows, ITEMS[1]["id"])
    base = doc_to_text(row["original"])
    assert doc_to_text(row["no_video"]) == base
    assert (
        doc_to_text(row["misleading_hint_no_image"])
        == f"{row['misleading_hint_no_image']['hint_text']}\n{base}"
    )
    [gray] = doc_to_visual(row["no_video"], {"modbias_no_image": GRAY_IMAGE})
    assert gray.size == (64, 64) and (np.asarray(gray) == 128).all()
    record = process_results(row["no_video"], ["A"])["record"]
    assert record["variant"] == "no_video" and record["blind_mode"] == GRAY_IMAGE  # the policy last applied
    assert record["chance"] == 0.25 and "skipped" not in record


def test_a_video_task_refuses_image_variants():
    with pytest.raises(ValueError, match=r"unknown variant\(s\) \['blank'\]; expected video variants"):
        settings_from_config("modbias_synth_video", {"modbias": {"variants": ["original", "blank"]}})
    assert settings_from_config("modbias_synth_video", {}).variants == VIDEO


def test_a_clip_that_cannot_be_rendered_is_named_and_its_records_skipped():
    broken = [dict(ITEMS[0], clip={"frames": 8, "objects": []}), *ITEMS[1:3]]
    rows = expand_for(datasets.Dataset.from_list(broken), TaskSettings("synth_video", ("original",)))
    assert doc_to_visual(rows[0]) == []
    record = process_results(rows[0], ["A"])["record"]
    assert "its clip cannot be rendered" in record["skipped"] and ITEMS[0]["id"] in record["skipped"]
    assert "skipped" not in process_results(rows[1], ["A"])["record"]
