"""Open-answer benchmarks: VQAv2, TextVQA, GQA, ChartQA, VLMs are Biased."""

from __future__ import annotations

import datasets

from tests.benchmarks.local_data.images import png
from tests.benchmarks.local_data.tables import IMAGE, INT, TEXT, Table, columns


def vqav2_val_rows() -> Table:
    """lmms-lab VQAv2 validation: ten human answers per question; questions 100 and 101 share an image."""
    answers = [["yes"] * 10, ["no"] * 7 + ["yes"] * 3, ["2"] * 6 + ["two"] * 2 + ["3"] * 2, ["red"] * 10]
    rows = [
        {
            "question_id": 100 + i,
            "question": question,
            "answers": [
                {"answer": a, "answer_confidence": "yes", "answer_id": k + 1} for k, a in enumerate(given)
            ],
            "answer_type": answer_type,
            "image": png(seed),
        }
        for i, (question, given, answer_type, seed) in enumerate(
            zip(
                ["Is it sunny?", "Is it raining?", "How many cats?", "What color is the car?"],
                answers,
                ["yes/no", "yes/no", "number", "other"],
                [11, 11, 12, 13],
                strict=True,
            )
        )
    ]
    answer = {"answer": TEXT, "answer_confidence": TEXT, "answer_id": INT}
    features = {
        "question_id": INT,
        "question": TEXT,
        "answers": [answer],
        "answer_type": TEXT,
        "image": IMAGE,
    }
    return columns(rows), datasets.Features(features)


def textvqa_val_rows() -> Table:
    """lmms-lab textvqa validation: ten human answers and the OCR tokens per question."""
    rows = [
        {"question_id": 7, "question": "what does the sign say?", "answers": ["stop"] * 10,
         "ocr_tokens": ["stop"], "image_id": "a", "image": png(14)},
        {"question_id": 8, "question": "is there text?", "answers": ["yes"] * 4 + ["no"] * 6,
         "ocr_tokens": [], "image_id": "b", "image": png(15)},
        {"question_id": 9, "question": "what brand is it?", "answers": ["acme"] * 10,
         "ocr_tokens": ["acme", "co"], "image_id": "c", "image": png(16)},
    ]  # fmt: skip
    texts = datasets.Sequence(TEXT)
    features = {"question_id": INT, "question": TEXT, "answers": texts, "ocr_tokens": texts, "image_id": TEXT,
                "image": IMAGE}  # fmt: skip
    return columns(rows), datasets.Features(features)


def gqa_rows() -> Table:
    """lmms-lab GQA testdev_balanced_instructions: questions naming their image by imageId."""
    specs = [
        ("q1", "n1", "Is the sky blue?", "yes", "Yes, it is."),
        ("q2", "n1", "What is on the table?", "cup", "A cup."),
        ("q3", "n2", "Is the man tall?", "no", "No."),
        ("q4", "n3", "Which color is the cup?", "yes", "Yes."),
    ]
    names = ("id", "imageId", "question", "answer", "fullAnswer")
    rows = [dict(zip(names, spec, strict=True)) for spec in specs]
    return columns(rows), datasets.Features(dict.fromkeys(names, TEXT))


def gqa_image_rows() -> Table:
    """lmms-lab GQA testdev_balanced_images: the images, by id (not in question order)."""
    rows = [{"id": image_id, "image": png(seed)} for image_id, seed in (("n3", 19), ("n1", 17), ("n2", 18))]
    return columns(rows), datasets.Features({"id": TEXT, "image": IMAGE})


def chartqa_rows() -> Table:
    """lmms-lab ChartQA test: one answer per chart question; the type is human or augmented."""
    specs = [
        ("What is the peak value?", "yes", "human_test"),
        ("Which year is highest?", "2019", "augmented_test"),
        ("Is the trend rising?", "Yes", "human_test"),
    ]
    rows = [
        {"question": question, "answer": answer, "type": kind, "image": png(20 + i)}
        for i, (question, answer, kind) in enumerate(specs)
    ]
    return columns(rows), datasets.Features({"question": TEXT, "answer": TEXT, "type": TEXT, "image": IMAGE})


def vlms_are_biased_rows() -> Table:
    """anvo25 vlms-are-biased main: counterfactual images with their true and prior-biased answers."""
    curly = "Answer with a number in curly brackets, e.g., {9}."
    specs = [
        ("logo_1", f"How many stripes are in the logo? {curly}", "4", "3", "Logos"),
        ("animal_1", f"How many legs does this animal have? {curly}", "5", "4", "Animals"),
        ("illusion_1", "Are the two lines equal in length? Answer in curly brackets, e.g., {Yes} or {No}.",
         "Yes", "No", "Optical Illusion"),
    ]  # fmt: skip
    names = ("ID", "prompt", "ground_truth", "expected_bias", "topic")
    rows = [dict(zip(names, spec, strict=True)) | {"image": png(50 + i)} for i, spec in enumerate(specs)]
    return columns(rows), datasets.Features(dict.fromkeys(names, TEXT) | {"image": IMAGE})
