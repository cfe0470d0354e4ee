"""VisOnlyQA response files, read inside a checkout laid out as the repository is, pair the figure-only
answers (original) with the figure-plus-description answers (consistent_hint) on the question id."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.importers import ImportRequest, import_records
from mb_tasks.metrics import compute_report

TASK = "syntheticgeometry__angle"
QUESTIONS = [
    {"id": f"sg_{n}_angle", "image_path": f"images/sg_{n // 2}.png", "answer": answer,
     "response_options": ["a", "b", "c", "d", "e"], "task_category": "angle", "question": f"Q{n}"}
    for n, answer in enumerate("abcd")
]  # fmt: skip


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def responses_file(path: Path, questions: list[dict], answers: str) -> Path:
    """One model's answers to ``questions``, in their order, as VisOnlyQA writes them."""
    rows = [
        {"prompt": q["question"], "response": a, "y_pred": a, "y_true": q["answer"]}
        for q, a in zip(questions, answers, strict=True)
    ]
    return write_jsonl(path, rows)


def checkout(root: Path, image_answers: str, text_answers: str) -> tuple[Path, Path]:
    """A VisOnlyQA-like checkout: both benchmark files (the with-text one in another order, as in the
    release) and one model's responses to each; returns the two response files."""
    dataset, responses = root / "dataset" / "test", root / "results" / "model_responses"
    write_jsonl(dataset / "synthetic" / f"{TASK}.jsonl", QUESTIONS)
    with_text = [{**q, "id": f"text_{q['id']}", "question": "Text: ..." + q["question"]} for q in QUESTIONS]
    write_jsonl(dataset / "synthetic_with_text" / f"text_{TASK}.jsonl", with_text[::-1])
    image_folder = responses / "eval_synthetic" / TASK / "prompt=no_reasoning"
    text_folder = responses / "eval_synthetic_with_text" / f"text_{TASK}" / "prompt=no_reasoning"
    return (
        responses_file(image_folder / f"M_{TASK}_1.jsonl", QUESTIONS, image_answers),
        responses_file(text_folder / f"M_text_{TASK}_2.jsonl", with_text[::-1], text_answers),
    )


def test_the_two_conditions_pair_on_the_question_and_the_report_scores_them(tmp_path: Path):
    # Figure only: right on questions 0 and 1. With the description (reversed file order): right on
    # questions 3, 2 and 1, wrong on 0.
    image_file, text_file = checkout(tmp_path, "abxx", "dcbe")
    request = ImportRequest(paths=(image_file, text_file), model="M", repo="psunlpgroup/VisOnlyQA")
    result = import_records("visonlyqa", request)
    assert result.problems == []
    assert {(r["pair_id"], r["variant"]) for r in result.records} == {
        (q["id"], variant) for q in QUESTIONS for variant in ("original", "consistent_hint")
    }
    hinted = [r for r in result.records if r["variant"] == "consistent_hint"]
    assert {r["hint_template"] for r in hinted} == {"visonlyqa_text_description"}
    assert {r["category"] for r in result.records} == {TASK}
    assert all("score" not in r for r in result.records)  # scored by the report, with modbias's parser
    results = compute_report(result.records, resamples=0)["benchmarks"]["visonlyqa_synthetic"]
    assert results["acc_original"]["value"] == 0.5 and results["acc_consistent_hint"]["value"] == 0.75
    assert results["consistent_hint_gain"]["value"] == 0.25 and results["consistent_hint_gain"]["n"] == 4


def test_a_misaligned_line_and_a_file_outside_the_layout_are_named(tmp_path: Path):
    image_file, _ = checkout(tmp_path, "abcd", "dcba")
    lines = image_file.read_text().splitlines()
    lines[2] = json.dumps({"response": "c", "y_pred": "c", "y_true": "e"})
    image_file.write_text("\n".join(lines[:3]) + "\n")
    stray = write_jsonl(tmp_path / "stray.jsonl", [{"response": "a"}])
    result = import_records("visonlyqa", ImportRequest(paths=(image_file, stray)))
    assert [r["pair_id"] for r in result.records] == ["sg_0_angle", "sg_1_angle"]
    assert "3 answers for 4 questions" in result.problems[0]
    assert result.problems[1].startswith(f"{image_file}:3: gold 'e' differs from 'c'")
    assert result.problems[2].startswith(f"{stray}: not under results/model_responses")
