"""Aggregation speed: modbias's metrics engine against lmms-eval's own bootstrap_stderr.

Builds 100,000 items x 6 variants of records (a simulated model with a language prior), then, side
by side in one run:
  1. modbias: every metric plus a 10,000-resample paired bootstrap, from the record dicts (target < 2 s);
  2. one metric (mg_no_image) bootstrapped 10,000 times over the same items by lmms-eval's
     ``bootstrap_stderr`` and by modbias's bootstrap: the ratio of the two (target >= 50x).
The last line prints that ratio. Run: ``.venv/bin/python bench/aggregate.py [--items N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from lmms_eval.api.metrics import bootstrap_stderr

from mb_tasks.metrics import build_tables, compute_report
from mb_tasks.metrics.bootstrap import bootstrap_values
from mb_tasks.metrics.definitions import multimodal_gain

VARIANTS = ("original", "no_image", "blank", "noise", "mismatch", "misleading_hint")
LETTERS = "ABCD"
P_CORRECT = {"original": 0.75, "no_image": 0.45, "blank": 0.40, "noise": 0.42, "mismatch": 0.35}


def simulated_records(n_items: int, seed: int = 0) -> list[dict]:
    """Records of a model that is right 75% of the time with the image and leans on priors without it."""
    rng = np.random.default_rng(seed)
    gold = rng.integers(0, 4, n_items)
    records = []
    for item in range(n_items):
        right = LETTERS[gold[item]]
        hint = LETTERS[(gold[item] + 1) % 4]
        for variant in VARIANTS:
            if variant == "misleading_hint":
                answer = hint if rng.random() < 0.4 else right
            else:
                answer = right if rng.random() < P_CORRECT[variant] else LETTERS[(gold[item] + 2) % 4]
            valid = rng.random() > 0.02
            record = {
                "benchmark": "bench",
                "pair_id": f"item-{item}",
                "variant": variant,
                "category": f"c{item % 7}",
                "answer_type": "mcq",
                "target": right,
                "options": ["w", "x", "y", "z"],
                "response": answer if valid else "",
                "parsed": answer if valid else None,
                "score": float(valid and answer == right),
                "valid": valid,
                "chance": 0.25,
            }
            if variant == "misleading_hint":
                record["hint_answer"] = hint
                record["hint_template"] = item % 3
            records.append(record)
    return records


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def timed(function, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--resamples", type=int, default=10_000)
    args = parser.parse_args()

    records = simulated_records(args.items)
    print(
        f"{args.items} items x {len(VARIANTS)} variants = {len(records)} records, {args.resamples} resamples"
    )

    full_time, report = timed(lambda: compute_report(records, resamples=args.resamples), repeats=3)
    metrics = report["benchmarks"]["bench"]
    print(
        f"modbias, all {len(metrics)} metrics + bootstrap from record dicts: {full_time:.3f} s (target < 2 s)"
    )

    table = build_tables(records).tables["bench"]
    statistic = multimodal_gain(table, "no_image")
    ours_time, _ = timed(
        lambda: bootstrap_values(statistic, None, args.resamples, np.random.default_rng(0)), repeats=5
    )
    differences = list(statistic.contributions[:, 0])  # c^original - c^no_image per item
    start = time.perf_counter()
    lmms_stderr = bootstrap_stderr(mean, differences, iters=args.resamples)
    lmms_time = time.perf_counter() - start
    ours_stderr = float(np.std(bootstrap_values(statistic, None, args.resamples, np.random.default_rng(0))))
    print(f"mg_no_image bootstrap stderr: lmms-eval {lmms_stderr:.5f}, modbias {ours_stderr:.5f}")
    print(f"mg_no_image, {args.resamples} resamples: lmms-eval {lmms_time:.2f} s, modbias {ours_time:.4f} s")
    print(
        f"conservative ratio, lmms-eval on one metric / modbias on all {len(metrics)} metrics from "
        f"records: {lmms_time / full_time:.1f}x"
    )
    print(
        "speed-up over lmms-eval bootstrap_stderr, same metric, data and resamples: "
        f"{lmms_time / ours_time:.0f}x (target >= 50x)"
    )


if __name__ == "__main__":
    main()
