"""MathVista output_<model>.json files become records scored by MathVista's own true_false."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.importers import ImportRequest, import_records


def item(pid, question_type, answer, prediction, true_false, choices=None, response="So the answer is x."):
    value = {
        "question": "What is it?",
        "choices": choices,
        "answer": answer,
        "question_type": question_type,
        "answer_type": "text" if choices else "integer",
        "pid": pid,
        "metadata": {"split": "testmini", "task": "figure question answering"},
        "response": response,
        "extraction": prediction,
        "prediction": prediction,
        "true_false": true_false,
    }
    return value


def write_output(path: Path, items: list[dict]) -> Path:
    path.write_text(json.dumps({entry["pid"]: entry for entry in items}))
    return path


def test_choices_become_letters_and_the_source_judgement_the_score(tmp_path: Path):
    path = write_output(
        tmp_path / "output_bard.json",
        [
            item("1", "multi_choice", "dog", "dog", True, choices=["cat", "dog"]),
            item("2", "free_form", "12", "11", False),
            item("3", "free_form", "7", None, False),  # nothing extracted
            item(
                "4", "multi_choice", "cat", "dog", False, ["cat", "dog"], response="I cannot see the image."
            ),
        ],
    )
    result = import_records("mathvista", ImportRequest(paths=(path,), repo="lupantech/MathVista"))
    assert result.problems == []
    records = {r["pair_id"]: r for r in result.records}
    assert (records["1"]["answer_type"], records["1"]["target"], records["1"]["parsed"]) == ("mcq", "B", "B")
    assert records["1"]["score"] == 1.0 and records["1"]["chance"] == 0.5
    assert (records["2"]["answer_type"], records["2"]["parsed"], records["2"]["score"]) == ("open", "11", 0.0)
    assert records["2"]["valid"] is True and records["2"]["chance"] == 0.0
    assert records["3"]["valid"] is False and records["3"]["invalid_reason"] == "no answer extracted (source)"
    assert records["4"]["valid"] is False and records["4"]["invalid_reason"] == "refused"
    assert all(r["variant"] == "original" and r["benchmark"] == "mathvista_testmini" for r in result.records)
    assert records["1"]["source"] == {
        "format": "mathvista",
        "repo": "lupantech/MathVista",
        "model": "bard",
        "file": str(path),
        "row": "1",
    }


def test_a_text_only_run_is_no_image_and_an_unjudged_item_counts_wrong(tmp_path: Path):
    unjudged = item("5", "free_form", "3", None, None, response="Sorry, but I can't provide that.")
    del unjudged["true_false"], unjudged["extraction"], unjudged["prediction"]
    path = write_output(tmp_path / "output_gpt4.json", [item("1", "free_form", "3", "3", "True"), unjudged])
    result = import_records("mathvista", ImportRequest(paths=(), without_image=(path,), model="GPT-4"))
    scores = {r["pair_id"]: (r["variant"], r["score"], r["valid"]) for r in result.records}
    assert scores == {"1": ("no_image", 1.0, True), "5": ("no_image", 0.0, False)}
    assert {r["source"]["model"] for r in result.records} == {"GPT-4"}


def test_items_that_cannot_be_scored_are_named(tmp_path: Path):
    bad_choice = item("1", "multi_choice", "fish", "dog", False, choices=["cat", "dog"])
    no_answer = {
        key: value for key, value in item("2", "free_form", "1", "1", True).items() if key != "answer"
    }
    path = write_output(
        tmp_path / "output_x.json", [bad_choice, no_answer, item("3", "free_form", "1", "1", True)]
    )
    result = import_records("mathvista", ImportRequest(paths=(path,)))
    assert [r["pair_id"] for r in result.records] == ["3"]
    assert result.problems[0] == f"{path}: item 1: answer 'fish' is not among the choices; skipped"
    assert result.problems[1].startswith(f"{path}: item 2: no answer")
