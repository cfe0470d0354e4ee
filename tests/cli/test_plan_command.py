"""`modbias plan` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.planning import plan_items

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
