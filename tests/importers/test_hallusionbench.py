"""HallusionBench's released answers become original / no_image / counterfactual records scored by
the human labels, on a small HallusionBench.json written by the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mb_tasks.importers import ImportRequest, import_records
from mb_tasks.metrics import compute_report


def row(category, subcategory, set_id, figure, question, visual_input, gold, label, output="Yes."):
    return {
        "category": category,
        "subcategory": subcategory,
        "visual_input": str(visual_input),
        "set_id": str(set_id),
        "figure_id": str(figure),
        "sample_note": "",
        "question_id": str(question),
        "question": "Is it so?",
        "gt_answer_details": "",
        "gt_answer": str(gold),
        "gpt4v_output": output,
        "gpt4v_output_human_check": str(label),
        "filename": None,
    }


ROWS = [
    # VD set 0: question 0 on the original figure (right), an edited figure with the other gold
    # (wrong: it kept the original answer), an edited figure with the same gold (right).
    row("VD", "illusion", 0, 0, 0, 1, 1, 1),
    row("VD", "illusion", 0, 1, 0, 2, 0, 0),
    row("VD", "illusion", 0, 2, 0, 2, 1, 1),
    # VS set 0: no figure (uncertain), the original figure (right), an edited figure (right).
    row("VS", "chart", 0, 0, 0, 0, 1, 2, output="I cannot know that."),
    row("VS", "chart", 0, 1, 0, 1, 1, 1),
    row("VS", "chart", 0, 2, 0, 2, 0, 1, output="No."),
    # VS set 1: the no-figure question has another gold than the figure's: not paired.
    row("VS", "chart", 1, 0, 0, 0, 0, 1, output="No."),
    row("VS", "chart", 1, 1, 0, 1, 1, 0, output="No."),
    # A repeated key (the release numbers two sets 10): the repeat is set 10#2.
    row("VS", "map", 10, 1, 0, 1, 1, 1),
    row("VS", "map", 10, 1, 0, 1, 0, 0),
]


@pytest.fixture
def records(tmp_path: Path) -> list[dict]:
    path = tmp_path / "HallusionBench.json"
    path.write_text(json.dumps(ROWS))
    result = import_records("hallusionbench", ImportRequest(paths=(path,), repo="o/r", commit="abc"))
    assert result.problems == []
    return result.records


def by_key(records: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["pair_id"], r["variant"]): r for r in records}


def test_each_figure_question_is_an_original_item_and_the_flipped_edit_its_counterfactual(records):
    found = by_key(records)
    assert sorted(found) == sorted(
        [
            ("VD/illusion/0/fig0/q0", "original"),
            ("VD/illusion/0/fig1/q0", "original"),
            ("VD/illusion/0/fig2/q0", "original"),
            ("VD/illusion/0/fig0/q0", "counterfactual"),
            ("VS/chart/0/fig1/q0", "original"),
            ("VS/chart/0/fig2/q0", "original"),
            ("VS/chart/0/fig1/q0", "no_image"),
            ("VS/chart/0/fig1/q0", "counterfactual"),
            ("VS/chart/1/fig1/q0", "original"),
            ("VS/chart/1/fig0/q0", "no_image"),
            ("VS/map/10/fig1/q0", "original"),
            ("VS/map/10#2/fig1/q0", "original"),
        ]
    )
    counterfactual = found[("VD/illusion/0/fig0/q0", "counterfactual")]
    assert (counterfactual["target"], counterfactual["cf_target"]) == ("yes", "no")
    assert counterfactual["parsed"] == "yes" and counterfactual["score"] == 0.0  # kept the prior
    assert counterfactual["source"]["row"] == 2 and counterfactual["source"]["commit"] == "abc"


def test_scores_come_from_the_human_label_and_uncertain_is_invalid(records):
    found = by_key(records)
    uncertain = found[("VS/chart/0/fig1/q0", "no_image")]
    assert uncertain["valid"] is False and uncertain["score"] == 0.0 and uncertain["parsed"] is None
    assert "uncertain" in uncertain["invalid_reason"]
    wrong = found[("VS/chart/1/fig1/q0", "original")]
    assert (wrong["target"], wrong["parsed"], wrong["score"], wrong["valid"]) == ("yes", "no", 0.0, True)
    assert all(r["scored_by"] == "source" and r["source"]["format"] == "hallusionbench" for r in records)
    assert {r["cluster"] for r in records if r["pair_id"].startswith("VS/map")} == {
        "VS/map/10",
        "VS/map/10#2",
    }


def test_the_report_pairs_them_as_an_independent_count_does(records):
    report = compute_report(records, resamples=0)
    results = report["benchmarks"]["hallusionbench"]
    # One paired no-figure question (VS/chart/0): 1 (figure) - 0 (uncertain) = 1.
    assert results["mg_no_image"]["value"] == 1.0 and results["mg_no_image"]["n"] == 1
    # Two counterfactuals: VD wrong (kept the prior), VS right.
    assert results["cf_acc"]["value"] == 0.5 and results["pair_acc"]["value"] == 0.5
    assert results["prior_follow_rate"]["value"] == 0.5
    assert any("UNPAIRED" in warning for warning in report["warnings"])  # VS/chart/1's no-figure question


def test_rows_that_cannot_be_read_are_named_and_the_rest_kept(tmp_path: Path):
    broken = [ROWS[0], {**ROWS[1], "gt_answer": "maybe"}, {**ROWS[2], "gpt4v_output_human_check": "7"}]
    broken.append({key: value for key, value in ROWS[4].items() if key != "visual_input"})
    path = tmp_path / "HallusionBench.json"
    path.write_text(json.dumps(broken))
    result = import_records("hallusionbench", ImportRequest(paths=(path,)))
    assert [r["pair_id"] for r in result.records] == ["VD/illusion/0/fig0/q0"]
    assert [p.split(": ", 2)[1] for p in result.problems] == ["entry 2", "entry 3", "entry 4"]
    assert "gt_answer 'maybe'" in result.problems[0] and "visual_input" in result.problems[2]
