"""A ladder's results: the table (every metric with its 95% interval and n), one plot (metric vs rung
with error bars), each rung's reports copied beside them; nothing large (no checkpoints, no samples)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mb_tasks.lab.evaluate import REPORTS
from mb_tasks.lab.ladders import LADDERS
from mb_tasks.lab.runner import METRICS

#: The metrics a ladder's plot shows (one panel each).
PLOTTED: tuple[str, ...] = (
    "prior_follow_rate (prior families)",
    "blind_above_chance (prior families)",
    "mg_no_image (prior families)",
    "modality_bias_index (prior families)",
    "acc_original",
    "blind_above_chance",
    "mg_no_image",
    "modality_bias_index",
)


def cell(metric: dict[str, Any]) -> str:
    """ "0.412 [0.350, 0.470]" (a dash when the report had no value)."""
    if metric["value"] is None:
        return "–"
    if metric["ci_low"] is None:
        return f"{metric['value']:.3f}"
    return f"{metric['value']:.3f} [{metric['ci_low']:.3f}, {metric['ci_high']:.3f}]"


def table(knob: str, rows: list[dict[str, Any]]) -> str:
    """The ladder as a markdown table: one row per rung, one column per metric, then wall times."""
    columns = [column for _, _, column in METRICS]
    header = ["rung", *columns, "n (prior / all)", "train s", "eval s"]
    lines = [
        f"Ladder `{knob}`: {LADDERS[knob][0]}. Values with 95% paired-bootstrap intervals over items.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in rows:
        metrics = row["metrics"]
        counts = f"{metrics[columns[0]]['n']} / {metrics['acc_original']['n']}"
        cells = [row["label"], *(cell(metrics[column]) for column in columns), counts]
        lines.append(
            "| " + " | ".join([*cells, f"{row['train_seconds']:.0f}", f"{row['eval_seconds']:.0f}"]) + " |"
        )
    return "\n".join(lines) + "\n"


def error_bars(values: list[dict[str, Any]]) -> tuple[list[int], list[float], list[list[float]]]:
    """The rungs that have a value, their values, and the distances down and up to the interval's
    ends (0 where a value has no interval), as matplotlib's ``errorbar`` takes them."""
    shown = [index for index, value in enumerate(values) if value["value"] is not None]
    centres = [values[index]["value"] for index in shown]
    lows = [values[index]["ci_low"] for index in shown]
    highs = [values[index]["ci_high"] for index in shown]
    down = [centre - low if low is not None else 0.0 for centre, low in zip(centres, lows, strict=True)]
    up = [high - centre if high is not None else 0.0 for centre, high in zip(centres, highs, strict=True)]
    return shown, centres, [down, up]


def plot(knob: str, rows: list[dict[str, Any]], path: Path) -> None:
    """One panel per plotted metric: its value at each rung with the 95% interval as error bars."""
    figure = Figure(figsize=(15, 6.5), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(2, 4)
    for axis, column in zip(axes.flat, PLOTTED, strict=True):
        shown, centres, bars = error_bars([row["metrics"][column] for row in rows])
        axis.errorbar(shown, centres, yerr=bars, marker="o", capsize=4)
        axis.set_title(column, fontsize=10)
        axis.set_xticks(range(len(rows)), [f"{row['value']:g}" for row in rows])
        axis.set_xlabel(LADDERS[knob][0], fontsize=8)
        axis.grid(alpha=0.3)
    figure.suptitle(f"modbias lab: the {knob} ladder (modbias_synth, 95% intervals)")
    figure.savefig(path, dpi=90)


def write_ladder(knob: str, rows: list[dict[str, Any]], results: Path) -> None:
    """ladder_<knob>.md/.json/.png in ``results`` and each rung's reports under <knob>/<rung>/."""
    results.mkdir(parents=True, exist_ok=True)
    (results / f"ladder_{knob}.md").write_text(table(knob, rows), encoding="utf-8")
    saved = [{key: value for key, value in row.items() if key != "reports"} for row in rows]
    (results / f"ladder_{knob}.json").write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    plot(knob, rows, results / f"ladder_{knob}.png")
    for row in rows:
        target = results / knob / row["label"].replace("=", "_")
        target.mkdir(parents=True, exist_ok=True)
        for stem in REPORTS.values():
            for suffix in (".json", ".md"):
                shutil.copyfile(Path(row["reports"]) / f"{stem}{suffix}", target / f"{stem}{suffix}")
