"""Video and audio benchmarks: Video-MME, TempCompass (multi-choice) and MMAU test-mini, with the
real datasets' fields; their videos are written where lmms-eval's base tasks look for them
(:func:`write_videos`, under ``HF_HOME``), their recordings are WAV files in the ``audio`` column."""

from __future__ import annotations

import io
import json
import wave
from pathlib import Path

import datasets
import numpy as np

from mb_tasks.variants.clips import encode_clip
from tests.benchmarks.local_data.tables import TEXT, Table, columns

#: videoID -> the seed of its clip; each video has three questions, as in Video-MME.
VIDEOMME_VIDEOS = {"vidA": 1, "vidB": 2}
#: video_id -> the seed of its clip.
TEMPCOMPASS_VIDEOS = {"tc_1": 3, "tc_2": 4}
#: Video-MME's option words.
WORDS = ("left", "right", "up", "down")
#: Frames and size of a local video.
VIDEO_FRAMES, VIDEO_SIZE = 12, (64, 48)


def video_bytes(seed: int) -> bytes:
    """An MP4 of a white square crossing a coloured background left to right (seeded colour and row)."""
    width, height = VIDEO_SIZE
    frames = np.zeros((VIDEO_FRAMES, height, width, 3), dtype=np.uint8)
    frames[...] = ((seed * 67) % 256, (seed * 131) % 256, (seed * 29) % 256)
    row = 4 + (seed * 7) % (height - 12)
    for index in range(VIDEO_FRAMES):
        column = index * (width - 8) // (VIDEO_FRAMES - 1)
        frames[index, row : row + 8, column : column + 8] = 255
    return encode_clip(frames)


def write_videos(hf_home: Path) -> None:
    """The videos under ``hf_home`` where lmms-eval's videomme and tempcompass utils look for them."""
    for folder, videos in (("videomme/data", VIDEOMME_VIDEOS), ("tempcompass/videos", TEMPCOMPASS_VIDEOS)):
        (hf_home / folder).mkdir(parents=True, exist_ok=True)
        for name, seed in videos.items():
            (hf_home / folder / f"{name}.mp4").write_bytes(video_bytes(seed))


def videomme_rows() -> Table:
    """lmms-eval/Video-MME test: options "A. text" (a sequence), gold letter; 3 questions per video and
    one malformed row (options not lettered), which the task leaves out."""
    rows = []
    for video_number, video in enumerate(VIDEOMME_VIDEOS):
        for question in range(3):
            number = 3 * video_number + question
            rows.append({
                "video_id": f"{video_number + 1:03d}", "duration": "short", "domain": "Knowledge",
                "sub_category": "Astronomy", "url": f"https://www.youtube.com/watch?v={video}",
                "videoID": video, "question_id": f"{video_number + 1:03d}-{question + 1}",
                "task_type": "Temporal Perception" if question else "Object Recognition",
                "question": f"Question {number} about the square?",
                "options": [f"{'ABCD'[position]}. {word} {number}." for position, word in enumerate(WORDS)],
                "answer": "ABCB"[number % 4],
            })  # fmt: skip
    rows[-1]["options"] = list(WORDS)
    features = {name: TEXT for name in rows[0]} | {"options": datasets.Sequence(TEXT)}
    return columns(rows), datasets.Features(features)


#: A video TempCompass asks about that the local copy does not have.
MISSING_VIDEO = "tc_missing"


def tempcompass_rows() -> Table:
    """lmms-eval/TempCompass multi-choice test: options in the question's lines, gold "B. text"; the
    last item's video is missing (:data:`MISSING_VIDEO`)."""
    rows = [
        {
            "video_id": video,
            "question": f"Which way does the square move ({number})?\nA. left\nB. right\nC. up\nD. down",
            "answer": ("B. right", "A. left")[number % 2],
            "dim": ("direction", "speed")[number % 2],
        }
        for number, video in enumerate([*TEMPCOMPASS_VIDEOS, *TEMPCOMPASS_VIDEOS, MISSING_VIDEO])
    ]
    return columns(rows), datasets.Features({name: TEXT for name in rows[0]})


def wav_bytes(frequency: float, seconds: float = 0.25, rate: int = 16_000) -> bytes:
    """A 16-bit mono WAV file of a sine tone."""
    samples = (np.sin(2 * np.pi * frequency * np.arange(int(seconds * rate)) / rate) * 12_000).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(samples.tobytes())
    return buffer.getvalue()


def mmau_rows() -> Table:
    """lmms-lab-audio/mmau test_mini: choices a JSON list, gold an option text, recordings as WAV files
    (``{"bytes", "path"}``; :func:`~tests.benchmarks.local_data.table` casts them to an ``Audio``
    column: ``datasets``' audio encoder needs torchcodec, which is not installed)."""
    choices = [["low", "high"], ["a dog", "a bell", "rain", "speech"], ["one", "two", "three"], ["yes", "no"]]
    rows = [
        {
            "id": f"mmau-{number}",
            "audio": {"bytes": wav_bytes(220.0 * (number + 1)), "path": f"{number}.wav"},
            "question": f"What is heard in recording {number}?", "choices": json.dumps(options),
            "answer": options[number % len(options)], "dataset": "local",
            "task": ("sound", "music")[number % 2],
            "split": "test-mini", "category": "Sound", "sub-category": "tone", "difficulty": "easy",
        }
        for number, options in enumerate(choices)
    ]  # fmt: skip
    features = {name: TEXT for name in rows[0]} | {"audio": {"bytes": datasets.Value("binary"), "path": TEXT}}
    return columns(rows), datasets.Features(features)
