"""Multiple-choice benchmarks: MMStar, ScienceQA-IMG, AI2D, MMBench, SEED-Bench, CV-Bench, MMVP."""

from __future__ import annotations

import datasets

from tests.benchmarks.local_data.images import png
from tests.benchmarks.local_data.tables import IMAGE, INT, TEXT, Table, columns

#: MMStar's options, written into the question.
OPTIONS = "A: a cat, B: a dog number {i}, C: a red car, D: birds"


def mmstar_rows() -> Table:
    """Lin-Chen/MMStar val: options inside the question, gold letter; 2 l2 categories x 4 items."""
    rows = [
        {
            "index": i,
            "question": f"What is shown in picture {i}?\nOptions: {OPTIONS.format(i=i)}",
            "image": png(i),
            "answer": "ABBDBACB"[i],
            "category": "coarse perception" if i % 2 else "fine-grained perception",
            "l2_category": "image scene and topic" if i % 2 else "object counting",
            "meta_info": {"source": "MMBench", "split": "val", "image_path": f"images/{i}.jpg"},
        }
        for i in range(8)
    ]
    meta_info = {"source": TEXT, "split": TEXT, "image_path": TEXT}
    features = {k: TEXT for k in rows[0]} | {"index": INT, "image": IMAGE, "meta_info": meta_info}
    return columns(rows), datasets.Features(features)


def scienceqa_img_rows() -> Table:
    """lmms-lab ScienceQA, config ScienceQA-IMG, test: choices list, gold index, optional hint."""
    choices = [
        ["north", "south"], ["Vermont", "Ohio", "Maine"], ["yes", "no"], ["iron", "wood", "glass", "salt"],
        ["hot", "cold"],
    ]  # fmt: skip
    rows = [
        {
            "image": png(200 + i),
            "question": f"Question {i}: which one is right?",
            "choices": options,
            "answer": i % len(options),
            "hint": "" if i % 2 else f"Look at picture {i}.",
            "task": "closed choice",
            "grade": "grade4",
            "subject": "natural science" if i < 3 else "social science",
            "topic": "geography",
            "category": "Geography" if i < 3 else "Physics",
            "skill": "Read a map",
            "lecture": "",
            "solution": "",
        }
        for i, options in enumerate(choices)
    ]
    features = {k: TEXT for k in rows[0]} | {
        "image": IMAGE, "choices": datasets.Sequence(TEXT), "answer": datasets.Value("int8"),
    }  # fmt: skip
    return columns(rows), datasets.Features(features)


def ai2d_rows() -> Table:
    """lmms-lab ai2d test: options list, gold index as a string."""
    rows = [
        {
            "question": f"Which label in diagram {i} marks the sun?",
            "options": ["A", "B", "C", "D"] if i % 2 else ["leaf", "root", "stem", "flower"],
            "answer": str((i + 1) % 4),
            "image": png(300 + i),
        }
        for i in range(5)
    ]
    features = {"question": TEXT, "options": datasets.Sequence(TEXT), "answer": TEXT, "image": IMAGE}
    return columns(rows), datasets.Features(features)


def mmbench_en_dev_rows() -> Table:
    """lmms-lab MMBench, config en, dev: options in columns A-D ("nan" when absent), a circular copy."""
    specs = [  # (index, options, answer, image seed)
        (0, ["cat", "dog", "cow", "hen"], "B", 400),
        (1, ["red", "blue", "nan", "nan"], "A", 401),
        (2, ["one", "two", "three", "nan"], "C", 402),
        (1_000_000, ["dog", "cow", "hen", "cat"], "A", 400),
        (3, ["up", "down", "left", "right"], "D", 403),
    ]
    rows = [
        {
            "index": index,
            "question": f"Question {index % 1_000_000}: what is in the image?",
            "hint": "nan" if index % 2 else f"Hint for {index}.",
            **dict(zip("ABCD", options, strict=True)),
            "answer": answer,
            "category": "attribute_recognition" if index % 2 else "image_scene",
            "image": png(seed),
            "source": "MMBench",
            "L2-category": "finegrained_perception (instance-level)",
            "comment": "nan",
            "split": "dev",
        }
        for index, options, answer, seed in specs
    ]
    features = {k: (INT if k == "index" else IMAGE if k == "image" else TEXT) for k in rows[0]}
    return columns(rows), datasets.Features(features)


def seedbench_rows() -> Table:
    """lmms-lab SEED-Bench test: choice_a..d, gold letter, a list of images; two video rows."""
    rows = []
    for i in range(7):
        video = i in (2, 5)
        rows.append(
            {
                "answer": "ABCDABC"[i],
                **{f"choice_{letter}": f"option {letter} of {i}" for letter in "abcd"},
                "data_id": f"{i}.mp4" if video else f"{i}.jpg",
                "data_type": "video" if video else "image",
                "question": f"What happens in scene {i}?",
                "question_id": str(1000 + i),
                "question_type_id": 10 if video else 1 + i % 2,
                "image": [png(500 + i), png(600 + i)] if video else [png(500 + i)],
            }
        )
    features = {k: TEXT for k in rows[0]} | {"question_type_id": INT, "image": datasets.Sequence(IMAGE)}
    return columns(rows), datasets.Features(features)


def cv_bench_rows() -> Table:
    """nyu-visionx CV-Bench test: choices list, gold "(A)", prompt with the choices."""
    specs = [
        (["2", "3", "4", "5"], "(C)", "Count"),
        (["left", "right"], "(B)", "Relation"),
        (["the lamp", "the chair"], "(A)", "Depth"),
        (["1", "2", "3", "0"], "(D)", "Count"),
        (["near", "far"], "(A)", "Relation"),
    ]
    rows = []
    for i, (choices, answer, task) in enumerate(specs):
        question = f"How many objects are in scene {i}?"
        lettered = " ".join(f"({chr(65 + k)}) {choice}" for k, choice in enumerate(choices))
        rows.append(
            {
                "idx": i,
                "type": "2D" if task != "Depth" else "3D",
                "task": task,
                "image": png(700 + i),
                "question": question,
                "choices": choices,
                "answer": answer,
                "prompt": f"{question} Select from the following choices.\n{lettered}",
                "filename": f"img/{i}.png",
                "source": "ADE20K" if task != "Depth" else "Omni3D",
                "source_dataset": "ADE20K Validation Set",
            }
        )
    features = {k: TEXT for k in rows[0]} | {
        "idx": datasets.Value("int32"), "image": IMAGE, "choices": datasets.Sequence(TEXT),
    }  # fmt: skip
    return columns(rows), datasets.Features(features)


def mmvp_rows() -> Table:
    """lmms-lab-eval MMVP train: two pairs; pair 2 has the same answer twice (no counterfactual there)."""
    specs = [
        (1, "Is the dog facing left or right?", "(a) Left (b) Right", "(a)"),
        (2, "Is the dog facing left or right?", "(a) Left (b) Right", "(b)"),
        (3, "Is the door open or closed?", "(a) Open (b) Closed", "(b)"),
        (4, "Is the door open or closed?", "(a) Open (b) Closed", "(b)"),
    ]
    rows = [
        {
            "Index": index,
            "Question": question,
            "Options": options,
            "Correct Answer": answer,
            "image": png(index),
        }
        for index, question, options, answer in specs
    ]
    features = {"Index": INT, "Question": TEXT, "Options": TEXT, "Correct Answer": TEXT, "image": IMAGE}
    return columns(rows), datasets.Features(features)
