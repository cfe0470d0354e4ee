"""A ladder's table, plot and saved files from measured rows, and the prior families' records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mb_tasks.lab.evaluate import prior_records
from mb_tasks.lab.results import cell, error_bars, table, write_ladder
from mb_tasks.lab.runner import METRICS


def _row(value: float, reports: Path) -> dict[str, Any]:
    """A measured row: every metric ``value`` [value - 0.1, value + 0.2], n 40; text_preference_ratio none."""
    metric = {"value": value, "ci_low": value - 0.1, "ci_high": value + 0.2, "n": 40}
    metrics = {column: dict(metric) for _, _, column in METRICS}
    metrics["text_preference_ratio"] = {"value": None, "ci_low": None, "ci_high": None, "n": 0}
    return {"knob": "data", "index": 0, "value": value, "label": f"data={value:g}", "train_seconds": 12.3,
            "eval_seconds": 45.6, "metrics": metrics, "reports": reports}  # fmt: skip


def test_cells_and_error_bars() -> None:
    assert cell({"value": 0.5, "ci_low": 0.25, "ci_high": 0.75, "n": 3}) == "0.500 [0.250, 0.750]"
    assert cell({"value": 0.5, "ci_low": None, "ci_high": None, "n": 3}) == "0.500"
    assert cell({"value": None, "ci_low": None, "ci_high": None, "n": 0}) == "–"
    values = [
        {"value": 0.5, "ci_low": 0.25, "ci_high": 0.75},
        {"value": None, "ci_low": None, "ci_high": None},
        {"value": 1.0, "ci_low": None, "ci_high": None},
    ]
    assert error_bars(values) == ([0, 2], [0.5, 1.0], [[0.25, 0.0], [0.25, 0.0]])


def test_write_ladder_saves_table_json_plot_and_reports(tmp_path: Path) -> None:
    reports = tmp_path / "eval"
    reports.mkdir()
    for stem in ("report", "report_prior"):
        (reports / f"{stem}.json").write_text("{}")
        (reports / f"{stem}.md").write_text(f"# {stem}")
    rows = [_row(0.4, reports), _row(0.9, reports)]
    write_ladder("data", rows, tmp_path / "results")
    markdown = (tmp_path / "results" / "ladder_data.md").read_text()
    assert markdown == table("data", rows)
    assert "| data=0.4 | 0.400 [0.300, 0.600] |" in markdown and "| 40 / 40 | 12 | 46 |" in markdown
    saved = json.loads((tmp_path / "results" / "ladder_data.json").read_text())
    assert [row["label"] for row in saved] == ["data=0.4", "data=0.9"] and "reports" not in saved[0]
    assert (tmp_path / "results" / "ladder_data.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "results" / "data" / "data_0.9" / "report_prior.md").read_text() == "# report_prior"


def test_prior_records_keeps_the_prior_families_only(tmp_path: Path) -> None:
    samples = tmp_path / "samples.jsonl"
    categories = ["colour", "prior_colour", "count", "prior_capital", "prior_colour"]
    samples.write_text(
        "".join(
            json.dumps({"doc_id": i, "record": {"category": c, "pair_id": i}}) + "\n"
            for i, c in enumerate(categories)
        )
    )
    assert prior_records(samples, tmp_path / "prior.jsonl") == 3
    kept = [json.loads(line) for line in (tmp_path / "prior.jsonl").read_text().splitlines()]
    assert kept == [{"category": c, "pair_id": i} for i, c in enumerate(categories) if c.startswith("prior")]
