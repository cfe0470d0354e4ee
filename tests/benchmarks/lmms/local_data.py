"""Small local copies of the base benchmarks, with exactly the real datasets' fields and feature
types (as lmms-eval's utils for each task read them), saved with ``save_to_disk`` as a DatasetDict
under the split the task YAML names. Images are drawn here with PIL, one colour per image."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import datasets
from PIL import Image, ImageDraw

IMAGE = datasets.Image()
TEXT = datasets.Value("string")


def png(seed: int, size: tuple[int, int] = (40, 30)) -> dict[str, Any]:
    """A PNG (as datasets stores it) of a colour and a square that depend on ``seed``."""
    image = Image.new("RGB", size, ((seed * 67) % 256, (seed * 131) % 256, (seed * 29) % 256))
    ImageDraw.Draw(image).rectangle((2 + seed % 7, 3, 12 + seed % 7, 13), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return {"bytes": buffer.getvalue(), "path": None}


GOLD_LETTERS = "ABBDBACB"


def mmstar_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """Lin-Chen/MMStar val: options inside the question, gold letter; 2 l2 categories x 4 items."""
    rows: dict[str, list[Any]] = {
        k: [] for k in ("index", "question", "image", "answer", "category", "l2_category", "meta_info")
    }
    for i in range(8):
        rows["index"].append(i)
        rows["question"].append(
            f"What is shown in picture {i}?\nOptions: A: a cat, B: a dog number {i}, C: a red car, D: birds"
        )
        rows["image"].append(png(i))
        rows["answer"].append(GOLD_LETTERS[i])
        rows["category"].append("coarse perception" if i % 2 else "fine-grained perception")
        rows["l2_category"].append("image scene and topic" if i % 2 else "object counting")
        rows["meta_info"].append({"source": "MMBench", "split": "val", "image_path": f"images/{i}.jpg"})
    features = datasets.Features(
        {
            "index": datasets.Value("int64"),
            "question": TEXT,
            "image": IMAGE,
            "answer": TEXT,
            "category": TEXT,
            "l2_category": TEXT,
            "meta_info": {"source": TEXT, "split": TEXT, "image_path": TEXT},
        }
    )
    return rows, features


def pope_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """lmms-lab POPE test: three questions per COCO image, question_id restarting per setting."""
    rows: dict[str, list[Any]] = {
        k: [] for k in ("id", "question_id", "question", "answer", "image_source", "image", "category")
    }
    answers = ["yes", "no", "no", "yes", "yes", "no"]
    objects = ["person", "dog", "zebra", "chair", "cup", "kite"]
    for i in range(6):
        image = i // 3
        rows["id"].append(str(i))
        rows["question_id"].append(str(i % 3 + 1))
        rows["question"].append(f"Is there a {objects[i]} in the image?")
        rows["answer"].append(answers[i])
        rows["image_source"].append(f"COCO_val2014_{image:012d}")
        rows["image"].append(png(100 + image))
        rows["category"].append("adversarial" if i < 3 else "random")
    features = datasets.Features({k: (IMAGE if k == "image" else TEXT) for k in rows})
    return rows, features


def scienceqa_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """lmms-lab ScienceQA, config ScienceQA-IMG, test: choices list, gold index, optional hint."""
    rows: dict[str, list[Any]] = {
        k: []
        for k in (
            "image",
            "question",
            "choices",
            "answer",
            "hint",
            "task",
            "grade",
            "subject",
            "topic",
            "category",
            "skill",
            "lecture",
            "solution",
        )
    }
    choices = [
        ["north", "south"],
        ["Vermont", "Ohio", "Maine"],
        ["yes", "no"],
        ["iron", "wood", "glass", "salt"],
        ["hot", "cold"],
    ]
    for i, options in enumerate(choices):
        rows["image"].append(png(200 + i))
        rows["question"].append(f"Question {i}: which one is right?")
        rows["choices"].append(options)
        rows["answer"].append(i % len(options))
        rows["hint"].append("" if i % 2 else f"Look at picture {i}.")
        rows["task"].append("closed choice")
        rows["grade"].append("grade4")
        rows["subject"].append("natural science" if i < 3 else "social science")
        rows["topic"].append("geography")
        rows["category"].append("Geography" if i < 3 else "Physics")
        rows["skill"].append("Read a map")
        rows["lecture"].append("")
        rows["solution"].append("")
    features = datasets.Features(
        {
            **{k: TEXT for k in rows},
            "image": IMAGE,
            "choices": datasets.Sequence(TEXT),
            "answer": datasets.Value("int8"),
        }
    )
    return rows, features


def ai2d_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """lmms-lab ai2d test: options list, gold index as a string."""
    rows: dict[str, list[Any]] = {"question": [], "options": [], "answer": [], "image": []}
    for i in range(5):
        rows["question"].append(f"Which label in diagram {i} marks the sun?")
        rows["options"].append(["A", "B", "C", "D"] if i % 2 else ["leaf", "root", "stem", "flower"])
        rows["answer"].append(str((i + 1) % 4))
        rows["image"].append(png(300 + i))
    features = datasets.Features(
        {"question": TEXT, "options": datasets.Sequence(TEXT), "answer": TEXT, "image": IMAGE}
    )
    return rows, features


def mmbench_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """lmms-lab MMBench, config en, dev: options in columns A-D ("nan" when absent), a circular copy."""
    columns = (
        "index",
        "question",
        "hint",
        "A",
        "B",
        "C",
        "D",
        "answer",
        "category",
        "image",
        "source",
        "L2-category",
        "comment",
        "split",
    )
    rows: dict[str, list[Any]] = {k: [] for k in columns}
    specs = [  # (index, options, answer, image seed)
        (0, ["cat", "dog", "cow", "hen"], "B", 400),
        (1, ["red", "blue", "nan", "nan"], "A", 401),
        (2, ["one", "two", "three", "nan"], "C", 402),
        (1_000_000, ["dog", "cow", "hen", "cat"], "A", 400),
        (3, ["up", "down", "left", "right"], "D", 403),
    ]
    for index, options, answer, seed in specs:
        rows["index"].append(index)
        rows["question"].append(f"Question {index % 1_000_000}: what is in the image?")
        rows["hint"].append("nan" if index % 2 else f"Hint for {index}.")
        for letter, option in zip("ABCD", options, strict=True):
            rows[letter].append(option)
        rows["answer"].append(answer)
        rows["category"].append("attribute_recognition" if index % 2 else "image_scene")
        rows["image"].append(png(seed))
        rows["source"].append("MMBench")
        rows["L2-category"].append("finegrained_perception (instance-level)")
        rows["comment"].append("nan")
        rows["split"].append("dev")
    features = datasets.Features(
        {k: (datasets.Value("int64") if k == "index" else IMAGE if k == "image" else TEXT) for k in columns}
    )
    return rows, features


def seedbench_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """lmms-lab SEED-Bench test: choice_a..d, gold letter, a list of images; two video rows."""
    columns = (
        "answer",
        "choice_a",
        "choice_b",
        "choice_c",
        "choice_d",
        "data_id",
        "data_type",
        "question",
        "question_id",
        "question_type_id",
        "image",
    )
    rows: dict[str, list[Any]] = {k: [] for k in columns}
    for i in range(7):
        video = i in (2, 5)
        rows["answer"].append("ABCDABC"[i])
        for letter in "abcd":
            rows[f"choice_{letter}"].append(f"option {letter} of {i}")
        rows["data_id"].append(f"{i}.mp4" if video else f"{i}.jpg")
        rows["data_type"].append("video" if video else "image")
        rows["question"].append(f"What happens in scene {i}?")
        rows["question_id"].append(str(1000 + i))
        rows["question_type_id"].append(10 if video else 1 + i % 2)
        rows["image"].append([png(500 + i), png(600 + i)] if video else [png(500 + i)])
    features = datasets.Features(
        {
            **{k: TEXT for k in columns},
            "question_type_id": datasets.Value("int64"),
            "image": datasets.Sequence(IMAGE),
        }
    )
    return rows, features


def cv_bench_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """nyu-visionx CV-Bench test: choices list, gold "(A)", prompt with the choices."""
    columns = (
        "idx",
        "type",
        "task",
        "image",
        "question",
        "choices",
        "answer",
        "prompt",
        "filename",
        "source",
        "source_dataset",
    )
    rows: dict[str, list[Any]] = {k: [] for k in columns}
    specs = [
        (["2", "3", "4", "5"], "(C)", "Count"),
        (["left", "right"], "(B)", "Relation"),
        (["the lamp", "the chair"], "(A)", "Depth"),
        (["1", "2", "3", "0"], "(D)", "Count"),
        (["near", "far"], "(A)", "Relation"),
    ]
    for i, (choices, answer, task) in enumerate(specs):
        question = f"How many objects are in scene {i}?"
        rows["idx"].append(i)
        rows["type"].append("2D" if task != "Depth" else "3D")
        rows["task"].append(task)
        rows["image"].append(png(700 + i))
        rows["question"].append(question)
        rows["choices"].append(choices)
        rows["answer"].append(answer)
        lettered = " ".join(f"({chr(65 + k)}) {choice}" for k, choice in enumerate(choices))
        rows["prompt"].append(f"{question} Select from the following choices.\n{lettered}")
        rows["filename"].append(f"img/{i}.png")
        rows["source"].append("ADE20K" if task != "Depth" else "Omni3D")
        rows["source_dataset"].append("ADE20K Validation Set")
    features = datasets.Features(
        {
            **{k: TEXT for k in columns},
            "idx": datasets.Value("int32"),
            "image": IMAGE,
            "choices": datasets.Sequence(TEXT),
        }
    )
    return rows, features


def mme_rows() -> tuple[dict[str, list[Any]], datasets.Features]:
    """lmms-lab MME test: two questions per image (one Yes, one No), question_id names the image."""
    rows: dict[str, list[Any]] = {k: [] for k in ("question_id", "image", "question", "answer", "category")}
    for image in range(4):
        category = "color" if image < 2 else "count"
        for answer in ("Yes", "No"):
            rows["question_id"].append(f"{category}/{image:04d}.png")
            rows["image"].append(png(800 + image))
            rows["question"].append(f"Is the square {answer.lower()} {image}? Please answer yes or no.")
            rows["answer"].append(answer)
            rows["category"].append(category)
    features = datasets.Features({k: (IMAGE if k == "image" else TEXT) for k in rows})
    return rows, features


#: benchmark -> (split of its task YAML, row builder)
BUILDERS: dict[str, tuple[str, Callable[[], tuple[dict[str, list[Any]], datasets.Features]]]] = {
    "mmstar": ("val", mmstar_rows),
    "pope": ("test", pope_rows),
    "scienceqa_img": ("test", scienceqa_rows),
    "ai2d": ("test", ai2d_rows),
    "mmbench_en_dev": ("dev", mmbench_rows),
    "seedbench": ("test", seedbench_rows),
    "cv_bench": ("test", cv_bench_rows),
    "mme": ("test", mme_rows),
}


def save_local_copy(benchmark: str, data_dir: Path) -> datasets.Dataset:
    """Save the benchmark's local copy as ``data_dir/<benchmark>`` and return its split."""
    split, build = BUILDERS[benchmark]
    rows, features = build()
    dataset = datasets.Dataset.from_dict(rows, features=features)
    datasets.DatasetDict({split: dataset}).save_to_disk(str(data_dir / benchmark))
    return dataset
