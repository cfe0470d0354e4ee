"""`modbias plan` as a user runs it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import yaml
from scipy import stats

from mb_tasks.planning import plan_items
from mb_tasks.report import read_records
from mb_tasks.suite.subset import seeded_subset
from tests.benchmarks.local_data import adapter_items, save_local_copy

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "records.jsonl"


def test_prints_the_exact_and_approximate_item_counts(modbias) -> None:
    result = modbias("plan", "--metric", "vrs_mismatch", "--delta", "0.05", "--discordance", "0.25")
    assert result.returncode == 0, result.stderr
    plan = plan_items(0.05, 0.25)
    assert f"items needed (exact McNemar): {plan.items} " in result.stdout
    assert f"normal approximation (Connor 1987): {plan.approximate_items}" in result.stdout
    assert "c^original - c^mismatch" in result.stdout and "discordance: 0.2500 (given)" in result.stdout


def test_discordance_measured_on_an_earlier_run(modbias) -> None:
    records = [json.loads(line) for line in EXAMPLE.read_text().splitlines()]
    score = {
        (r["benchmark"], r["pair_id"], r["variant"]): (r["score"] if r["valid"] else 0.0) for r in records
    }
    pairs = [(score[k], score[(k[0], k[1], "no_image")]) for k in score if k[2] == "original"]
    expected = sum(o != n for o, n in pairs) / len(pairs)
    result = modbias("plan", "--delta", "0.05", "--from", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert f"discordance: {expected:.4f} (measured on {len(pairs)} items" in result.stdout
    assert f"items needed (exact McNemar): {plan_items(0.05, expected).items} " in result.stdout


def test_a_gap_larger_than_the_discordance_is_refused_clearly(modbias) -> None:
    result = modbias("plan", "--delta", "0.3", "--discordance", "0.2")
    assert result.returncode == 2
    assert "|delta| must lie in (0, discordance=0.2]" in result.stderr


def test_a_budget_is_written_as_a_plan_that_modbias_run_takes(modbias, tmp_path: Path) -> None:
    """±0.4 on mg_no_image under the assumed spread (σ² = 0.2): ⌈(1.96/0.4)²·0.2⌉ = 5 items of
    MMStar with original and no_image; `modbias run --plan` runs exactly those from a local copy."""
    plan_file = tmp_path / "plan.yaml"
    result = modbias(
        "plan", "--half-width", "0.4", "--metrics", "mg_no_image", "--tasks", "modbias_mmstar,modbias_vlind",
        "--write", str(plan_file),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    items = math.ceil((stats.norm.ppf(0.975) / 0.4) ** 2 * 0.2)
    assert items == 5
    assert f"| modbias_mmstar | 1,500 | {items} | {items} | " in result.stdout
    assert f"| {items * 2} | 12,000 |" in result.stdout  # calls: planned, and the full task's
    assert (
        "modbias_vlind" in result.stdout
        and "left out: its variants (original, counterfactual)" in result.stdout
    )
    assert "mg_no_image: per-item variance 0.2000 (assumed: 20% discordant items, no gap)" in result.stdout
    plan = yaml.safe_load(plan_file.read_text())
    assert plan == {"tasks": {"modbias_mmstar": {"max_items": items, "variants": ["original", "no_image"]}}}

    data, output = tmp_path / "data", tmp_path / "out"
    save_local_copy("mmstar", data)
    run = modbias(
        "run", "--plan", str(plan_file), "--data-dir", str(data), "--model", "modbias_blind",
        "--tasks", "modbias_plan", "--log_samples", "--output_path", str(output),
        env={"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    records = read_records([output]).records
    chosen = seeded_subset(list(enumerate(adapter_items("mmstar"))), "mmstar", 0, items)
    assert sorted((r["pair_id"], r["variant"]) for r in records) == sorted(
        (item.pair_id, variant) for _, item in chosen for variant in ("original", "no_image")
    )
