"""modbias tasks through lmms-eval's real evaluator: reference models, the leak canary, bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mb_tasks.metrics import compute_report
from mb_tasks.records import VARIANTS
from tests.lmms import toy
from tests.lmms.evaluation import evaluate, records_of, table_of

SYNTH = "modbias_synth"


def test_oracle_records_and_table() -> None:
    results = evaluate("modbias_oracle", SYNTH, limit=4 * len(VARIANTS))
    records = records_of(results, SYNTH)
    assert [(r["pair_id"], r["variant"]) for r in records] == [
        (pair, variant) for pair in dict.fromkeys(r["pair_id"] for r in records) for variant in VARIANTS
    ]
    assert len(records) == 36
    table = table_of(results)
    for metric in ("acc_original", "mg_no_image", "text_preference_ratio", "cf_acc", "modality_bias_index"):
        assert f"|{metric}" in table.replace(" ", "")
    assert results["results"][SYNTH]["acc_original,none"] == 1.0
    assert results["results"][SYNTH]["hint_follow_rate,none"] == 0.0
    assert "|record|" not in table.replace(" ", "")  # the record key is no metric


def test_leak_canary_flags_a_wrapper_leaking_images_into_text_only_requests() -> None:
    limit = 40 * len(VARIANTS)
    leaky = compute_report(records_of(evaluate("modbias_leaky", SYNTH, limit=limit), SYNTH), resamples=2000)
    oracle = compute_report(records_of(evaluate("modbias_oracle", SYNTH, limit=limit), SYNTH), resamples=2000)
    # Independently: the leaky model's no_image answers are right far more often than chance.
    assert leaky["benchmarks"]["synth"]["blind_above_chance"]["value"] > 0.3
    assert any(w.startswith("LEAK CANARY synth") for w in leaky["warnings"])
    assert not any(w.startswith("LEAK CANARY") for w in oracle["warnings"])


def test_bad_items_are_reported_and_skipped_and_odd_images_work(tmp_path: Path) -> None:
    docs = toy.docs(12)
    docs[1]["image"] = {"bytes": toy.png(toy.colour_image("green", mode="L")), "path": None}
    docs[2]["image"] = {"bytes": toy.png(toy.colour_image("blue", mode="RGBA")), "path": None}
    docs[3]["image"] = {"bytes": toy.png(toy.colour_image("yellow", mode="P")), "path": None}
    docs[4]["image"] = {"bytes": toy.png(toy.colour_image("red", mode="I;16")), "path": None}
    docs[5]["image"] = {"bytes": toy.png(toy.colour_image("green", size=(1, 1))), "path": None}
    docs[6]["image"] = None
    docs[7]["image"] = {"bytes": b"GIF89a but not really", "path": None}
    docs[8]["image"] = {"bytes": toy.bomb_png(), "path": None}
    docs[9]["options"] = []
    docs[10]["image"] = {"bytes": toy.truncated_png(), "path": None}
    variants = ["original", "no_image", "blank", "noise", "mismatch", "misleading_hint"]
    toy.write_task(tmp_path, docs, variants)
    # dummy with read_bytes=1 calls doc_to_visual for every request, like a real model.
    results = evaluate("dummy", "modbias_toy", limit=None, model_args="read_bytes=1", include=tmp_path)
    records = records_of(results, "modbias_toy")
    per_item = Counter(r["pair_id"] for r in records)
    kept = ["toy-000", "toy-001", "toy-002", "toy-003", "toy-004", "toy-005", "toy-010", "toy-011"]
    assert sorted(per_item) == kept
    assert set(per_item.values()) == {len(variants)}
    # the four items the expansion dropped are saved, by id and row, with the run's first record
    dropped = records[0]["expansion_problems"]
    assert [(problem["item"], problem["row"]) for problem in dropped] == [
        (f"toy-00{i}", i) for i in range(6, 10)
    ]
    assert all(problem["message"].endswith("; item skipped") for problem in dropped)
    # toy-010's header is fine (kept by the expansion) but its pixel data is cut off: decoding it for
    # its first request fails (even though lmms-eval sets PIL's LOAD_TRUNCATED_IMAGES), so all its
    # records are marked skipped, with the reason naming it, and the metrics leave it out; so is a
    # mismatch request whose donor it was.
    skipped = [r for r in records if r.get("skipped")]
    assert all("toy-010" in r["skipped"] for r in skipped)
    assert {r["variant"] for r in skipped if r["pair_id"] == "toy-010"} == set(variants)
    assert all(r["variant"] == "mismatch" for r in skipped if r["pair_id"] != "toy-010")
    # the dummy answers "A" (red): right exactly for the red items among the seven not skipped
    expected = (
        sum(r["target"] == "A" for r in records if r["variant"] == "original" and not r.get("skipped")) / 7
    )
    assert 0 < expected < 1
    assert results["results"]["modbias_toy"]["acc_original,none"] == pytest.approx(expected)
