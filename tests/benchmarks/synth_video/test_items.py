"""The committed modbias_synth_video items: what the generator writes, balanced, and answered by their
clips' frames in order (the reversed clip gives the counterfactual's answer)."""

from collections import Counter

import numpy as np
from scipy import ndimage

from mb_tasks.benchmarks.synth.items import load_items
from mb_tasks.benchmarks.synth_video import (
    FAMILIES,
    PRIOR_FAMILIES,
    parse_question,
    prior_answer,
    read_answer,
)
from mb_tasks.benchmarks.synth_video.clip import FRAMES, SIZE, render_clip
from mb_tasks.benchmarks.synth_video.generate import generate_items, main
from mb_tasks.benchmarks.synth_video.questions import question_text
from mb_tasks.benchmarks.synth_video.reading import colour_mask
from mb_tasks.task_folders import SYNTH_VIDEO_ITEMS
from mb_tasks.variants.video import frozen_video, reversed_frames

ITEMS = load_items(SYNTH_VIDEO_ITEMS)
CLIPS = {item["id"]: render_clip(item["clip"]) for item in ITEMS}


def _letter(item, text):
    return "ABCD"[item["options"].index(text)] if text in item["options"] else None


def test_the_committed_items_are_what_the_generator_writes(tmp_path):
    main(["--out", str(tmp_path / "items.jsonl")])
    assert (tmp_path / "items.jsonl").read_bytes() == SYNTH_VIDEO_ITEMS.read_bytes()
    assert generate_items(2, seed=1) != generate_items(2, seed=0)


def test_five_families_of_40_interleaved_with_four_options_and_exact_chance():
    assert [item["category"] for item in ITEMS[: len(FAMILIES)]] == list(FAMILIES)
    assert Counter(item["category"] for item in ITEMS) == dict.fromkeys(FAMILIES, 40)
    assert len({item["id"] for item in ITEMS}) == len(ITEMS)
    for item in ITEMS:
        assert item["answer_type"] == "mcq" and len(set(item["options"])) == 4 and item["chance"] == 0.25
        assert item["target"] != item["cf_target"]
        assert (
            parse_question(item["question"]) == item["query"]
            and question_text(item["query"]) == item["question"]
        )


def test_every_family_has_its_gold_equally_often_at_every_letter():
    for family in FAMILIES:
        letters = Counter(item["target"] for item in ITEMS if item["category"] == family)
        assert letters == dict.fromkeys("ABCD", 10), family


def test_the_clips_are_eight_frames_of_64_pixels_and_rendering_is_pure():
    for item in ITEMS[:10]:
        frames = CLIPS[item["id"]]
        assert frames.shape == (FRAMES, SIZE, SIZE, 3) and frames.dtype == np.uint8
        assert render_clip(item["clip"]).tobytes() == frames.tobytes()
        assert len({frame.tobytes() for frame in frames}) > 1  # something changes over time


def test_the_frames_in_order_give_the_gold_and_reversed_the_counterfactual_gold():
    for item in ITEMS:
        frames = CLIPS[item["id"]]
        assert _letter(item, read_answer(item["query"], item["options"], frames)) == item["target"], item[
            "id"
        ]
        reversed_answer = read_answer(item["query"], item["options"], reversed_frames(frames))
        assert _letter(item, reversed_answer) == item["cf_target"], item["id"]


def test_a_still_moment_does_not_tell_the_motion_or_the_order():
    for item in ITEMS:
        frozen = frozen_video(CLIPS[item["id"]])
        found = read_answer(item["query"], item["options"], frozen)
        if item["category"] in ("direction", *PRIOR_FAMILIES):
            assert found is None
        elif item["category"] == "count_end":
            assert _letter(item, found) not in (item["target"], item["cf_target"])


def test_the_middle_frame_of_a_count_clip_shows_neither_the_start_nor_the_end_count():
    for item in (item for item in ITEMS if item["category"] == "count_end"):
        colour = item["query"]["args"][0]
        counts = [
            ndimage.label(ndimage.binary_dilation(mask, iterations=2))[1]
            for mask in colour_mask(CLIPS[item["id"]], colour)
        ]
        start, end = (
            item["options"]["ABCD".index(item["cf_target"])],
            item["options"]["ABCD".index(item["target"])],
        )
        assert (counts[0], counts[-1]) == (int(start), int(end))
        assert counts[FRAMES // 2] not in (counts[0], counts[-1])


def test_the_prior_families_wording_gives_the_original_gold_never_the_counterfactuals():
    for item in ITEMS:
        prior = prior_answer(item["query"])
        if item["category"] in PRIOR_FAMILIES:
            assert _letter(item, prior) == item["target"] != item["cf_target"]
        else:
            assert prior is None
