"""Yes/no benchmarks: POPE, MME, HallusionBench, NaturalBench (yes/no and two-way groups), and
VLind-Bench's miniature release."""

from __future__ import annotations

import json
from pathlib import Path

import datasets

from tests.benchmarks.local_data.images import encoded, png
from tests.benchmarks.local_data.tables import IMAGE, INT, TEXT, Table, columns


def pope_rows() -> Table:
    """lmms-lab POPE test: three questions per COCO image, question_id restarting per setting."""
    answers = ["yes", "no", "no", "yes", "yes", "no"]
    objects = ["person", "dog", "zebra", "chair", "cup", "kite"]
    rows = [
        {
            "id": str(i),
            "question_id": str(i % 3 + 1),
            "question": f"Is there a {objects[i]} in the image?",
            "answer": answers[i],
            "image_source": f"COCO_val2014_{i // 3:012d}",
            "image": png(100 + i // 3),
            "category": "adversarial" if i < 3 else "random",
        }
        for i in range(6)
    ]
    return columns(rows), datasets.Features({k: (IMAGE if k == "image" else TEXT) for k in rows[0]})


def mme_rows() -> Table:
    """lmms-lab MME test: two questions per image (one Yes, one No), question_id names the image."""
    rows = [
        {
            "question_id": f"{'color' if image < 2 else 'count'}/{image:04d}.png",
            "image": png(800 + image),
            "question": f"Is the square {answer.lower()} {image}? Please answer yes or no.",
            "answer": answer,
            "category": "color" if image < 2 else "count",
        }
        for image in range(4)
        for answer in ("Yes", "No")
    ]
    return columns(rows), datasets.Features({k: (IMAGE if k == "image" else TEXT) for k in rows[0]})


def hallusion_bench_image_rows() -> Table:
    """lmms-lab HallusionBench image: one set, figure 0 and edited figure 1, two questions each;
    question 0's answer flips on figure 1."""
    specs = [("0", "0", "1"), ("0", "1", "1"), ("1", "0", "0"), ("1", "1", "1")]  # figure, question, gold
    rows = [
        {
            "category": "VS",
            "subcategory": "chart",
            "visual_input": "1",
            "set_id": "3",
            "figure_id": figure,
            "sample_note": "note",
            "question_id": question,
            "question": f"Is statement {question} true in the figure?",
            "gt_answer_details": "details",
            "gt_answer": gold,
            "filename": f"f{figure}.png",
            "image": png(30 + int(figure)),
        }
        for figure, question, gold in specs
    ]
    return columns(rows), datasets.Features({k: (IMAGE if k == "image" else TEXT) for k in rows[0]})


def naturalbench_rows() -> Table:
    """BaiqiL NaturalBench-lmms-eval test: two groups of four rows (two questions x two images), a
    yes/no one and a multiple-choice one."""
    questions = [
        "Is the cat black?",
        "Is the cat white?",
        "Which animal? A. cat B. dog",
        "Which animal? A. dog B. cat",
    ]
    rows = [
        {
            "Index": i,
            "Question": questions[i // 2],
            "Question_Type": "yes_no" if i < 4 else "multiple_choice",
            "Image": png(40 + (i // 4) * 2 + i % 2),
        }
        for i in range(8)
    ]
    return columns(rows), datasets.Features(
        {"Index": INT, "Question": TEXT, "Question_Type": TEXT, "Image": IMAGE}
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
        (factual / "0.jpg").write_bytes(encoded(50 + number, kind="JPEG"))
        counterfactual = root / "counterfactual" / "landmark" / f"{number}_{instance['context']}"
        counterfactual.mkdir(parents=True)
        for image_id in votes:
            (counterfactual / f"{image_id}.jpg").write_bytes(
                encoded(60 + 10 * number + int(image_id), kind="JPEG")
            )
    (root / "data.json").write_text(json.dumps(instances), encoding="utf-8")
    return root
