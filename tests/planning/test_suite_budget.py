"""The suite budget: spreads measured on an earlier run's records, planned variants and calls."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from mb_tasks.metrics import build_tables
from mb_tasks.planning.suite_budget import benchmark_budget, measured_spread, planned_variants
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import TASK_YAMLS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "records.jsonl"
RECORDS = [json.loads(line) for line in EXAMPLE.read_text().splitlines()]
TABLE = build_tables(RECORDS).tables["toy_mcq"]


def _scores(variant: str) -> dict[str, float]:
    return {
        r["pair_id"]: (r["score"] if r["valid"] else 0.0)
        for r in RECORDS
        if r["benchmark"] == "toy_mcq" and r["variant"] == variant
    }


def test_the_measured_spread_of_a_gap_is_the_variance_of_the_item_gaps() -> None:
    original, no_image = _scores("original"), _scores("no_image")
    gaps = [original[item] - no_image[item] for item in original]
    mean = sum(gaps) / len(gaps)
    spread = measured_spread("mg_no_image", TABLE)
    assert spread is not None and spread.source == f"measured on {len(gaps)} items"
    assert spread.per_item_variance == pytest.approx(sum((g - mean) ** 2 for g in gaps) / len(gaps))


def test_a_metric_the_run_cannot_give_has_no_measured_spread() -> None:
    assert measured_spread("yes_ratio_original", TABLE) is None  # toy_mcq has no yes/no items


def test_the_planned_variants_are_what_the_metrics_need_in_design_order() -> None:
    assert planned_variants(["text_preference_ratio", "mg_no_image"]) == (
        "original", "no_image", "misleading_hint", "misleading_hint_no_image",
    )  # fmt: skip


def test_measured_spreads_set_the_items_and_the_assumption_serves_without_a_run() -> None:
    entry = suite_index(TASK_YAMLS).tasks["modbias_mmbench_en_dev"]
    metrics = ["mg_no_image", "text_preference_ratio"]
    budget = benchmark_budget(entry, metrics, 0.05, 0.95, TABLE)
    for name in metrics:
        spread = measured_spread(name, TABLE)
        assert spread is not None and budget.spreads[name] == spread
        assert budget.needed[name] == math.ceil((1.959963984540054 / 0.05) ** 2 * spread.per_item_variance)
    assert budget.planned is not None and budget.planned.items == min(4329, max(budget.needed.values()))
    assert budget.planned.calls == budget.planned.items * 4
    assumed = benchmark_budget(entry, metrics, 0.05, 0.95, None)
    factor = (1.959963984540054 / 0.05) ** 2
    assert assumed.needed == {
        "mg_no_image": math.ceil(factor * 0.2),  # 20 % discordant items, no gap
        "text_preference_ratio": math.ceil(factor * 0.25 / 0.3),  # ratio 0.5 over 30 % deciding items
    }
    assert all(spread.source.startswith("assumed") for spread in assumed.spreads.values())


def test_a_benchmark_whose_variants_cannot_give_the_metrics_is_left_out_with_the_reason() -> None:
    entry = suite_index(TASK_YAMLS).tasks["modbias_vlms_are_biased"]
    budget = benchmark_budget(entry, ["mg_no_image"], 0.05, 0.95, None)
    assert budget.planned is None and budget.left_out is not None
    assert "(no_image, counterfactual) cannot give mg_no_image" in budget.left_out
