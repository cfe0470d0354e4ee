"""Small local copies of the base datasets, with exactly the real fields and types (checked against
lmms-eval's utils for each task), images drawn with PIL; and each item's gold as the test knows it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import datasets
from PIL import Image, ImageDraw

IMAGE = datasets.Image()


def picture(seed: int, size: tuple[int, int] = (48, 40)) -> Image.Image:
    """A distinct RGB image per seed."""
    image = Image.new("RGB", size, ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256))
    ImageDraw.Draw(image).rectangle((seed % 20, 5, seed % 20 + 10, 15), fill=(255 - seed % 256, 0, 0))
    return image


def jpeg(seed: int) -> bytes:
    buffer = io.BytesIO()
    picture(seed).save(buffer, format="JPEG")
    return buffer.getvalue()


def mmvp() -> datasets.Dataset:
    """Two pairs; pair 2 has the same answer twice (no counterfactual there)."""
    rows = [
        (1, "Is the dog facing left or right?", "(a) Left (b) Right", "(a)"),
        (2, "Is the dog facing left or right?", "(a) Left (b) Right", "(b)"),
        (3, "Is the door open or closed?", "(a) Open (b) Closed", "(b)"),
        (4, "Is the door open or closed?", "(a) Open (b) Closed", "(b)"),
    ]
    features = datasets.Features(
        {
            "Index": datasets.Value("int64"),
            "Question": datasets.Value("string"),
            "Options": datasets.Value("string"),
            "Correct Answer": datasets.Value("string"),
            "image": IMAGE,
        }
    )
    return datasets.Dataset.from_dict(
        {
            "Index": [r[0] for r in rows],
            "Question": [r[1] for r in rows],
            "Options": [r[2] for r in rows],
            "Correct Answer": [r[3] for r in rows],
            "image": [picture(r[0]) for r in rows],
        },
        features=features,
    )


def vqav2() -> datasets.Dataset:
    answers = [["yes"] * 10, ["no"] * 7 + ["yes"] * 3, ["2"] * 6 + ["two"] * 2 + ["3"] * 2, ["red"] * 10]
    features = datasets.Features(
        {
            "question_id": datasets.Value("int64"),
            "question": datasets.Value("string"),
            "answers": [
                {
                    "answer": datasets.Value("string"),
                    "answer_confidence": datasets.Value("string"),
                    "answer_id": datasets.Value("int64"),
                }
            ],
            "answer_type": datasets.Value("string"),
            "image": IMAGE,
        }
    )
    return datasets.Dataset.from_dict(
        {
            "question_id": [100, 101, 102, 103],
            "question": ["Is it sunny?", "Is it raining?", "How many cats?", "What color is the car?"],
            "answers": [
                [{"answer": a, "answer_confidence": "yes", "answer_id": i + 1} for i, a in enumerate(row)]
                for row in answers
            ],
            "answer_type": ["yes/no", "yes/no", "number", "other"],
            "image": [picture(1), picture(1), picture(2), picture(3)],
        },
        features=features,
    )


def textvqa() -> datasets.Dataset:
    features = datasets.Features(
        {
            "question_id": datasets.Value("int64"),
            "question": datasets.Value("string"),
            "answers": datasets.Sequence(datasets.Value("string")),
            "ocr_tokens": datasets.Sequence(datasets.Value("string")),
            "image_id": datasets.Value("string"),
            "image": IMAGE,
        }
    )
    return datasets.Dataset.from_dict(
        {
            "question_id": [7, 8, 9],
            "question": ["what does the sign say?", "is there text?", "what brand is it?"],
            "answers": [["stop"] * 10, ["yes"] * 4 + ["no"] * 6, ["acme"] * 10],
            "ocr_tokens": [["stop"], [], ["acme", "co"]],
            "image_id": ["a", "b", "c"],
            "image": [picture(4), picture(5), picture(6)],
        },
        features=features,
    )


def gqa() -> datasets.DatasetDict:
    """Questions (testdev) and their images (testdev_images), joined by imageId."""
    questions = datasets.Dataset.from_dict(
        {
            "id": ["q1", "q2", "q3", "q4"],
            "imageId": ["n1", "n1", "n2", "n3"],
            "question": [
                "Is the sky blue?",
                "What is on the table?",
                "Is the man tall?",
                "Which color is the cup?",
            ],
            "answer": ["yes", "cup", "no", "yes"],
            "fullAnswer": ["Yes, it is.", "A cup.", "No.", "Yes."],
        }
    )
    images = datasets.Dataset.from_dict(
        {"id": ["n3", "n1", "n2"], "image": [picture(9), picture(7), picture(8)]},
        features=datasets.Features({"id": datasets.Value("string"), "image": IMAGE}),
    )
    return datasets.DatasetDict({"testdev": questions, "testdev_images": images})


def chartqa() -> datasets.Dataset:
    return datasets.Dataset.from_dict(
        {
            "question": ["What is the peak value?", "Which year is highest?", "Is the trend rising?"],
            "answer": ["yes", "2019", "Yes"],
            "type": ["human_test", "augmented_test", "human_test"],
            "image": [picture(10), picture(11), picture(12)],
        },
        features=datasets.Features(
            {
                "question": datasets.Value("string"),
                "answer": datasets.Value("string"),
                "type": datasets.Value("string"),
                "image": IMAGE,
            }
        ),
    )


def hallusion() -> datasets.Dataset:
    """One set: figure 0 and edited figure 1, two questions each; question 1's answer flips."""
    rows = [  # figure_id, question_id, gt_answer
        ("0", "0", "1"),
        ("0", "1", "1"),
        ("1", "0", "0"),
        ("1", "1", "1"),
    ]
    n = len(rows)
    string = datasets.Value("string")
    return datasets.Dataset.from_dict(
        {
            "category": ["VS"] * n,
            "subcategory": ["chart"] * n,
            "visual_input": ["1"] * n,
            "set_id": ["3"] * n,
            "figure_id": [r[0] for r in rows],
            "sample_note": ["note"] * n,
            "question_id": [r[1] for r in rows],
            "question": [f"Is statement {r[1]} true in the figure?" for r in rows],
            "gt_answer_details": ["details"] * n,
            "gt_answer": [r[2] for r in rows],
            "filename": [f"f{r[0]}.png" for r in rows],
            "image": [picture(20 + int(r[0])) for r in rows],
        },
        features=datasets.Features(
            {
                name: string
                for name in (
                    "category",
                    "subcategory",
                    "visual_input",
                    "set_id",
                    "figure_id",
                    "sample_note",
                    "question_id",
                    "question",
                    "gt_answer_details",
                    "gt_answer",
                    "filename",
                )
            }
            | {"image": IMAGE}
        ),
    )


def naturalbench() -> datasets.Dataset:
    """Two groups: a yes/no one and a multiple-choice one."""
    questions = [
        "Is the cat black?",
        "Is the cat white?",
        "Which animal? A. cat B. dog",
        "Which animal? A. dog B. cat",
    ]
    return datasets.Dataset.from_dict(
        {
            "Index": list(range(8)),
            "Question": [questions[i // 2] for i in range(8)],
            "Question_Type": ["yes_no"] * 4 + ["multiple_choice"] * 4,
            "Image": [picture(30 + (i // 4) * 2 + i % 2) for i in range(8)],
        },
        features=datasets.Features(
            {
                "Index": datasets.Value("int64"),
                "Question": datasets.Value("string"),
                "Question_Type": datasets.Value("string"),
                "Image": IMAGE,
            }
        ),
    )


def vlms_are_biased() -> datasets.Dataset:
    return datasets.Dataset.from_dict(
        {
            "ID": ["logo_1", "animal_1", "illusion_1"],
            "prompt": [
                "How many stripes are in the logo? Answer with a number in curly brackets, e.g., {9}.",
                "How many legs does this animal have? Answer with a number in curly brackets, e.g., {9}.",
                "Are the two lines equal in length? Answer in curly brackets, e.g., {Yes} or {No}.",
            ],
            "ground_truth": ["4", "5", "Yes"],
            "expected_bias": ["3", "4", "No"],
            "topic": ["Logos", "Animals", "Optical Illusion"],
            "image": [picture(40), picture(41), picture(42)],
        },
        features=datasets.Features(
            {
                name: datasets.Value("string")
                for name in ("ID", "prompt", "ground_truth", "expected_bias", "topic")
            }
            | {"image": IMAGE}
        ),
    )


def vlind_release(root: Path) -> Path:
    """A miniature VLind-Bench release (data.json and image folders, the repository's layout): two
    instances, the first with two good counterfactual images, the second with one (and a bad one)."""
    instances = []
    for number, votes in ((1, {"0": 3, "1": 2, "2": 1}), (2, {"0": 1, "1": 2})):
        instance = {
            "concept": "landmark",
            "context_id": str(number),
            "context": f"statue {number} holds a sword",
            "factual_context": f"statue {number} holds a torch",
            "true_statement": f"Statue {number} holds a sword.",
            "false_statement": f"Statue {number} holds a torch.",
            "existent_noun": "a sword",
            "non-existent_noun": "a torch",
            "best_img_id": "1",
            "aggregated_human_label_good_images": votes,
        }
        instances.append(instance)
        factual = root / "factual" / "landmark" / f"{number}_{instance['factual_context']}"
        factual.mkdir(parents=True)
        (factual / "0.jpg").write_bytes(jpeg(50 + number))
        counterfactual = root / "counterfactual" / "landmark" / f"{number}_{instance['context']}"
        counterfactual.mkdir(parents=True)
        for image_id in votes:
            (counterfactual / f"{image_id}.jpg").write_bytes(jpeg(60 + 10 * number + int(image_id)))
    (root / "data.json").write_text(json.dumps(instances), encoding="utf-8")
    return root
