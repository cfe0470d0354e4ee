"""Leaderboard files: JSON, CSV and markdown, with fixed column order and float formatting (no
timestamps), so the same rows always give the same bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from mb_tasks.leaderboard.rows import DIGITS, LEADERBOARD_METRICS, SCHEMA
from mb_tasks.report.names import spreadsheet_cell

FORMATS: tuple[str, ...] = ("json", "csv", "md")


def columns() -> list[str]:
    """Every column, in file order."""
    per_metric = [f"{m}{suffix}" for m in LEADERBOARD_METRICS for suffix in ("", "_ci_low", "_ci_high", "_n")]
    return ["rank", "model", "model_args", "benchmarks", "items", *per_metric]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{DIGITS}f}"
    if isinstance(value, list):
        return spreadsheet_cell(" ".join(map(str, value)))
    return spreadsheet_cell(value) if isinstance(value, str) else str(value)


def _json(rows: Sequence[dict[str, Any]], settings: dict[str, Any]) -> str:
    document = {"schema": SCHEMA, **settings, "metrics": list(LEADERBOARD_METRICS), "rows": list(rows)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns())
    writer.writerows([[_text(row[column]) for column in columns()] for row in rows])
    return buffer.getvalue()


def _markdown(rows: Sequence[dict[str, Any]]) -> str:
    head = ["rank", "model", *LEADERBOARD_METRICS, "items", "model_args"]
    lines = [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [str(row["rank"]), row["model"]]
        for metric in LEADERBOARD_METRICS:
            value = row[metric]
            low, high = row[f"{metric}_ci_low"], row[f"{metric}_ci_high"]
            cell = "–" if value is None else f"{value:.3f}"
            if value is not None and low is not None:
                cell += f" [{low:.3f}, {high:.3f}]"
            cells.append(cell)
        cells += [str(row["items"]), (row["model_args"] or "–").replace("|", "\\|")]
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def render_leaderboard(rows: Sequence[dict[str, Any]], file_format: str, *, seed: int, resamples: int) -> str:
    """The leaderboard as the text of a ``file_format`` file (json, csv or md)."""
    if file_format == "json":
        return _json(rows, {"seed": seed, "resamples": resamples})
    if file_format == "csv":
        return _csv(rows)
    if file_format == "md":
        return _markdown(rows)
    raise ValueError(f"unknown leaderboard format {file_format!r}; expected one of {', '.join(FORMATS)}")
