"""The markdown report: where the records came from ("## Sources"), between the problems and the tables."""

from __future__ import annotations

import json

from mb_tasks.metrics import compute_report
from mb_tasks.parsing import score_answer
from mb_tasks.report.markdown import number_text, render_markdown

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def imported(pair_id: str, answer: str, file: str, **source: object) -> dict:
    """An imported mcq record (gold A) as ``modbias import`` writes it, scored by the source."""
    scored = score_answer(answer, "mcq", "A", ["cat", "dog"])
    origin = {"format": "generic", "repo": "me/answers", "commit": COMMIT, "model": "M1", "file": file}
    return {
        "benchmark": "toy",
        "pair_id": pair_id,
        "variant": "original",
        "answer_type": "mcq",
        "options": ["cat", "dog"],
        "target": "A",
        "response": answer,
        "parsed": scored.parsed,
        "score": scored.score,
        "valid": scored.valid,
        "scored_by": "source",
        "source": {**origin, "row": pair_id, **source},
    }


def test_sources_come_after_the_problems_and_before_the_tables_one_line_per_origin() -> None:
    records = [imported(f"q{i}", "A" if i % 2 else "B", f"answers/part{i % 5}.csv") for i in range(10)]
    records += [dict(imported(f"r{i}", "A", "other.csv", model="M2"), scored_by=None) for i in range(3)]
    records.append(dict(imported("bad", "A", "x.csv", model="M3"), score="high"))  # left out: not counted
    report = json.loads(json.dumps(compute_report(records, resamples=0)))  # as --json writes it
    assert report["sources"] == [
        {"benchmark": "toy", "format": "generic", "repo": "me/answers", "commit": COMMIT, "model": "M1",
         "files": [f"answers/part{i}.csv" for i in range(5)], "records": 10, "source_scored": 10},
        {"benchmark": "toy", "format": "generic", "repo": "me/answers", "commit": COMMIT, "model": "M2",
         "files": ["other.csv"], "records": 3, "source_scored": 0},
    ]  # fmt: skip
    text = render_markdown(report)
    assert text.index("## Input problems") < text.index("## Sources") < text.index("## toy")
    section = text.split("## Sources\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == [
        "- toy: 10 records from me/answers @ 0123456789ab (generic), model M1; files: answers/part0.csv, "
        "answers/part1.csv, answers/part2.csv and 2 more; 10 scored by the source",
        "- toy: 3 records from me/answers @ 0123456789ab (generic), model M2; files: other.csv",
    ]


def test_a_source_line_stays_one_line_and_says_what_is_unknown() -> None:
    record = imported("q0", "A", "a.csv", repo="evil\n## Injected heading", commit=None, model=None)
    text = render_markdown(compute_report([record], resamples=0))
    assert "\n## Injected" not in text
    assert (
        "- toy: 1 records from evil ## Injected heading (generic); files: a.csv; 1 scored by the source"
        in text
    )
    unnamed = render_markdown(compute_report([imported("q0", "A", "a.csv", repo=None)], resamples=0))
    assert "- toy: 1 records from an unnamed repository @ 0123456789ab (generic), model M1" in unnamed


def test_records_without_a_source_give_no_sources_section() -> None:
    records = [{k: v for k, v in imported(f"q{i}", "A", "a.csv").items() if k != "source"} for i in range(3)]
    report = compute_report(records, resamples=0)
    assert report["sources"] == [] and "## Sources" not in render_markdown(report)


def test_a_value_that_rounds_to_zero_is_shown_without_a_minus() -> None:
    assert [number_text(v) for v in (-1e-17, -0.0004, -0.0006, 0.1237, None)] == [
        "0.000", "0.000", "-0.001", "0.124", "–"
    ]  # fmt: skip
