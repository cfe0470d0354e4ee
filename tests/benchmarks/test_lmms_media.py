"""Wrapped lmms-eval video and audio tasks, request by request, next to the base task's own request
(worked out in a child process, tests/benchmarks/media_requests.py, whose ``HF_HOME`` holds the
local videos): the original is the base request, and each variant shows what its name says."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.variants.clips import CLIP_CACHE_ENV, decode_clip
from tests.benchmarks.local_data import docs, mmau_rows
from tests.benchmarks.local_data.media import VIDEO_FRAMES

VIDEO_PROMPT = {
    "pre_prompt": "",
    "post_prompt": "\nAnswer with the option's letter from the given choices directly.",
}
AUDIO_PROMPT = VIDEO_PROMPT


def media_requests(
    root: Path, benchmark: str, split: str, prompt: dict[str, Any], *video_frames: int
) -> dict[tuple, dict]:
    """(pair_id, variant) -> the row's visuals and text and its item's base visuals and text (the task's
    ``video_frames``: the one given, else none)."""
    env = {**os.environ, "HF_HOME": str(root / "hf_home"), CLIP_CACHE_ENV: str(root / "request_clips")}
    command = [sys.executable, "-m", "tests.benchmarks.media_requests", str(root / "data"), benchmark, split,
               json.dumps(prompt), *map(str, video_frames)]  # fmt: skip
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return {(row["pair_id"], row["variant"]): row for row in json.loads(finished.stdout)}


@pytest.fixture(scope="module")
def videomme(media_runs, media_root: Path) -> dict[tuple, dict]:
    return media_requests(media_root, "videomme", "test", VIDEO_PROMPT)


def test_original_is_the_base_tasks_request_byte_for_byte(videomme):
    for (pair_id, variant), row in videomme.items():
        if variant in ("original", "misleading_hint", "consistent_hint"):
            assert row["visuals"] == row["base_visuals"] and row["visuals"][0].endswith(".mp4"), pair_id
        if variant in ("original", "single_frame", "shuffled_frames", "mismatch_video"):
            assert row["text"] == row["base_text"], (pair_id, variant)
    assert videomme[("001-1", "original")]["visuals"][0].endswith("hf_home/videomme/data/vidA.mp4")


def test_mismatch_shows_another_videos_own_file(videomme):
    for (pair_id, variant), row in videomme.items():
        if variant == "mismatch_video":
            own = videomme[(pair_id, "original")]["visuals"]
            assert row["visuals"] != own and row["visuals"][0].endswith(".mp4")
            assert row["visuals"] in [
                other["visuals"] for other in videomme.values() if other["variant"] == "original"
            ]


def test_derived_clips_are_sampled_from_the_video_and_last_as_long(videomme):
    import av

    [source] = videomme[("001-1", "original")]["visuals"]
    sampled = decode_clip(source)[np.round(np.linspace(0, VIDEO_FRAMES - 1, 16)).astype(int)]
    [reversed_path] = videomme[("001-1", "reversed_frames")]["visuals"]
    [frozen_path] = videomme[("001-1", "frozen_video")]["visuals"]
    assert "request_clips" in reversed_path
    reversed_clip, frozen_clip = decode_clip(reversed_path), decode_clip(frozen_path)
    assert reversed_clip.shape == sampled.shape == (16, 48, 64, 3)  # 12 frames spread over 16: repeats
    difference = np.abs(reversed_clip.astype(int) - sampled[::-1].astype(int)).mean()
    assert difference < 4.0  # lossy, but the frames of the video last to first
    assert np.abs(frozen_clip.astype(int) - sampled[8].astype(int)).mean() < 4.0
    with av.open(reversed_path) as container:
        stream = container.streams.video[0]
        seconds = float(stream.frames / stream.average_rate)
    assert seconds == pytest.approx(VIDEO_FRAMES / 4, rel=0.05)  # the local video: 12 frames at 4 fps
    assert videomme[("001-1", "single_frame")]["visuals"] == [{"image": [64, 48]}]
    assert videomme[("001-1", "no_video")]["visuals"] == []


def test_the_tasks_video_frames_set_how_many_frames_are_sampled(media_runs, media_root: Path):
    rows = media_requests(media_root, "videomme", "test", VIDEO_PROMPT, 5)
    [source] = rows[("001-1", "original")]["visuals"]
    sampled = decode_clip(source)[[0, 3, 6, 8, 11]]  # round(linspace(0, 11, 5)), half to even
    clip = decode_clip(rows[("001-1", "shuffled_frames")]["visuals"][0])
    assert clip.shape == (5, 48, 64, 3)
    nearest = [int(np.abs(sampled.astype(int) - frame).mean(axis=(1, 2, 3)).argmin()) for frame in clip]
    assert sorted(nearest) == [0, 1, 2, 3, 4] and nearest != [0, 1, 2, 3, 4]  # the five frames, reordered
    assert rows[("001-1", "original")]["visuals"] == rows[("001-1", "original")]["base_visuals"]


def test_audio_rows_carry_the_recording_its_silence_or_noise(media_runs, media_root: Path):
    rows = media_requests(media_root, "mmau", "test_mini", AUDIO_PROMPT)
    with wave.open(io.BytesIO(docs(mmau_rows)[1]["audio"]["bytes"])) as file:
        rate = file.getframerate()
        samples = np.frombuffer(file.readframes(file.getnframes()), dtype="<i2") / 32768
    [original] = rows[("mmau-1", "original")]["visuals"]
    assert original["rate"] == rate == 16_000 and np.allclose(original["samples"], samples, atol=0)
    assert rows[("mmau-1", "original")]["text"] == rows[("mmau-1", "original")]["base_text"]
    [silence] = rows[("mmau-1", "silence")]["visuals"]
    assert silence["samples"] == [0.0] * len(samples)
    [noise] = rows[("mmau-1", "noise_audio")]["visuals"]
    assert len(noise["samples"]) == len(samples) and not np.allclose(noise["samples"], samples, atol=0.01)
    assert rows[("mmau-1", "no_audio")]["visuals"] == []
    [donor] = rows[("mmau-1", "mismatch_audio")]["visuals"]
    assert donor["samples"] != original["samples"]


def test_a_real_video_model_answers_every_variant_of_a_wrapped_task(media_runs, media_root: Path, modbias):
    """lmms-eval's real qwen2_5_vl wrapper (a tiny random checkpoint) through ``modbias run`` on
    modbias_videomme's local copy: one record per (item, variant), none skipped or empty, and the video
    file decides the answer (another item's video, under mismatch_video, changes it)."""
    from tests.lmms.tiny_models import build_qwen2_5_vl

    checkpoint = build_qwen2_5_vl(media_root / "qwen2_5_vl")
    model_args = f"pretrained={checkpoint},device_map=cpu,max_pixels=12544,min_pixels=3136,max_num_frames=8"
    output = media_root / "qwen_out"
    finished = modbias(
        "run", "--data-dir", str(media_root / "data"), "--model", "qwen2_5_vl", "--model_args", model_args,
        "--device", "cpu", "--tasks", "modbias_videomme", "--limit", "20", "--log_samples",
        "--output_path", str(output),
        env={"HF_HOME": str(media_root / "hf_home"), CLIP_CACHE_ENV: str(media_root / "qwen_clips")},
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-3000:]
    (samples,) = output.rglob("*_samples_modbias_videomme.jsonl")
    records = [json.loads(line)["record"] for line in samples.read_text().splitlines()]
    video = [variant for variant in MODALITY_VARIANTS["video"] if variant != "counterfactual"]
    assert [(r["pair_id"], r["variant"]) for r in records] == [
        (p, v) for p in ("001-1", "001-2") for v in video
    ]
    assert not any("skipped" in record or not record["response"].strip() for record in records)
    answers = {(r["pair_id"], r["variant"]): r["response"] for r in records}
    assert all(answers[(p, "mismatch_video")] != answers[(p, "original")] for p in ("001-1", "001-2"))
