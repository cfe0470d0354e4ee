"""VLind-Bench pipeline scores against a hand count over crafted records."""

from __future__ import annotations

import pytest

from mb_tasks.benchmarks.vlind.probes import probe_id
from mb_tasks.metrics import compute_report


def _records(instance: str, ck: bool, vp: bool, cb: bool, lp: list[bool]) -> list[dict]:
    """Records of one instance whose tests pass as given (a failed test: its second statement wrong)."""
    records = []
    for test, image, passed in [("ck", "factual", ck), ("vp", "0", vp), ("cb", "0", cb)] + [
        ("lp", str(i), ok) for i, ok in enumerate(lp)
    ]:
        for statement in (1, 2):
            right = passed or statement == 1
            variant = "counterfactual" if test == "lp" else "original"
            records.append(
                {
                    "benchmark": "vlind",
                    "pair_id": probe_id(instance, test, image, statement),
                    "variant": variant,
                    "answer_type": "yesno",
                    "target": "yes",
                    "score": float(right),
                    "valid": True,
                    "parsed": "yes",
                    "cluster": instance,
                }
            )
    return records


def test_pipeline_scores_use_gated_denominators() -> None:
    records = (
        _records("a", ck=True, vp=True, cb=True, lp=[True, False])  # gated: LP 0.5
        + _records("b", ck=True, vp=True, cb=True, lp=[True])  # gated: LP 1
        + _records("c", ck=True, vp=False, cb=True, lp=[False])  # CK and CB pass, VP fails
        + _records("d", ck=False, vp=True, cb=True, lp=[True])  # CB does not count without CK
    )
    report = compute_report(records, resamples=200)["benchmarks"]["vlind"]
    assert report["commonsense_knowledge"]["value"] == pytest.approx(3 / 4)
    assert report["commonsense_knowledge"]["n"] == 4
    assert report["visual_perception"]["value"] == pytest.approx(3 / 4)
    assert report["commonsense_bias"]["value"] == pytest.approx(3 / 3)
    assert report["commonsense_bias"]["n"] == 3
    assert report["language_prior"]["value"] == pytest.approx((0.5 + 1.0) / 2)
    assert report["language_prior"]["n"] == 2
    assert report["language_prior"]["ci_low"] <= 0.75 <= report["language_prior"]["ci_high"]


def test_incomplete_instances_are_left_out() -> None:
    complete = _records("a", ck=True, vp=False, cb=False, lp=[True])
    partial = [r for r in _records("b", ck=True, vp=True, cb=True, lp=[True]) if "/cb/" not in r["pair_id"]]
    report = compute_report(complete + partial, resamples=0)["benchmarks"]["vlind"]
    assert report["commonsense_knowledge"]["n"] == 1
    assert report["commonsense_bias"]["value"] == 0.0
