"""Properties of the paired bootstrap intervals."""

from __future__ import annotations

import random
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from records_factory import mcq_record, paired_table

from mb_tasks.metrics import compute_report
from mb_tasks.metrics.bootstrap import ReplicateMean, SuiteAverages, resampled_sums

cells = st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40)).filter(
    lambda t: sum(t) >= 2
)


def report_for(counts: tuple[int, int, int, int], seed: int = 0, resamples: int = 400) -> dict:
    n11, n10, n01, n00 = counts
    records = paired_table({(1, 1): n11, (1, 0): n10, (0, 1): n01, (0, 0): n00})
    return compute_report(records, seed=seed, resamples=resamples)


@settings(max_examples=25, deadline=None)
@given(cells, st.randoms(use_true_random=False))
def test_record_order_does_not_matter(counts: tuple[int, int, int, int], shuffler: random.Random) -> None:
    n11, n10, n01, n00 = counts
    records = paired_table({(1, 1): n11, (1, 0): n10, (0, 1): n01, (0, 0): n00})
    shuffled = records[:]
    shuffler.shuffle(shuffled)
    assert compute_report(shuffled, resamples=300) == compute_report(records, resamples=300)


@settings(max_examples=25, deadline=None)
@given(cells)
def test_intervals_contain_the_estimate(counts: tuple[int, int, int, int]) -> None:
    for result in report_for(counts)["benchmarks"]["bench"].values():
        if result["value"] is not None and result["ci_low"] is not None:
            assert result["ci_low"] - 1e-12 <= result["value"] <= result["ci_high"] + 1e-12


@settings(max_examples=10, deadline=None)
@given(cells, st.integers(0, 2**31))
def test_same_seed_same_intervals(counts: tuple[int, int, int, int], seed: int) -> None:
    assert report_for(counts, seed) == report_for(counts, seed)


def test_other_seed_other_intervals() -> None:
    first = report_for((40, 20, 10, 30), seed=1)["benchmarks"]["bench"]["mg_no_image"]
    second = report_for((40, 20, 10, 30), seed=2)["benchmarks"]["bench"]["mg_no_image"]
    assert (first["ci_low"], first["ci_high"]) != (second["ci_low"], second["ci_high"])


@pytest.mark.parametrize("base", [(20, 10, 5, 15), (5, 8, 2, 25)])
def test_intervals_narrow_as_one_over_sqrt_n(base: tuple[int, int, int, int]) -> None:
    def width(scale: int) -> float:
        result = report_for(tuple(c * scale for c in base), resamples=4000)["benchmarks"]["bench"][
            "mg_no_image"
        ]
        return result["ci_high"] - result["ci_low"]

    # 16 times the items: a quarter of the width (within bootstrap noise).
    assert width(1) / width(16) == pytest.approx(4.0, rel=0.2)


def test_interval_width_matches_the_normal_approximation() -> None:
    # mg = mean of d in {-1, 0, 1}; its standard error is sd(d)/sqrt(n).
    counts = (300, 150, 60, 490)
    n11, n10, n01, n00 = counts
    n = sum(counts)
    d = np.array([0] * n11 + [1] * n10 + [-1] * n01 + [0] * n00, dtype=float)
    expected_width = 2 * 1.959964 * d.std() / np.sqrt(n)
    result = report_for(counts, resamples=10_000)["benchmarks"]["bench"]["mg_no_image"]
    assert result["ci_high"] - result["ci_low"] == pytest.approx(expected_width, rel=0.06)


def test_distinct_row_multinomial_equals_plain_resampling_in_distribution() -> None:
    rng = np.random.default_rng(5)
    units = rng.choice([[0.0, 0.0], [1.0, 1.0], [-1.0, 1.0], [0.0, 1.0]], size=500, p=[0.2, 0.3, 0.1, 0.4])
    fast = resampled_sums(units, 20_000, np.random.default_rng(1))
    indices = np.random.default_rng(2).integers(0, len(units), size=(20_000, len(units)))
    plain = units[indices].sum(axis=1)
    assert fast.mean(axis=0) == pytest.approx(plain.mean(axis=0), rel=0.01)
    assert fast.std(axis=0) == pytest.approx(plain.std(axis=0), rel=0.05)


def test_clustered_items_widen_the_interval() -> None:
    # The same answers, once as independent items and once as pairs of items sharing an image whose
    # outcomes are identical within the pair: the cluster bootstrap must see fewer independent units.
    records = []
    for i in range(100):
        correct = i % 4 != 0
        records.append(mcq_record(f"i{i}", "original", "A"))
        records.append(mcq_record(f"i{i}", "no_image", "A" if correct else "B"))
    independent = compute_report(records, resamples=4000)["benchmarks"]["bench"]["mg_no_image"]
    doubled = []
    for i in range(100):
        correct = i % 4 != 0
        for copy in range(2):
            cluster = {"cluster": f"img{i}"}
            doubled.append(mcq_record(f"i{i}-{copy}", "original", "A", **cluster))
            doubled.append(mcq_record(f"i{i}-{copy}", "no_image", "A" if correct else "B", **cluster))
    clustered = compute_report(doubled, resamples=4000)["benchmarks"]["bench"]["mg_no_image"]
    assert clustered["value"] == pytest.approx(independent["value"])
    width_independent = independent["ci_high"] - independent["ci_low"]
    width_clustered = clustered["ci_high"] - clustered["ci_low"]
    assert width_clustered == pytest.approx(width_independent, rel=0.12)
    unclustered = [{k: v for k, v in r.items() if k != "cluster"} for r in doubled]
    naive = compute_report(unclustered, resamples=4000)["benchmarks"]["bench"]["mg_no_image"]
    # Ignoring the clusters would wrongly shrink the interval by about sqrt(2).
    assert width_clustered / (naive["ci_high"] - naive["ci_low"]) == pytest.approx(np.sqrt(2), rel=0.15)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 300),
    st.floats(0.0, 0.9),
    st.integers(0, 2**32 - 1),
)
def test_replicates_averaged_as_they_come_equal_nanmean_of_them_all_to_the_bit(
    benchmarks: int, resamples: int, undefined: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    per_benchmark = []
    for _ in range(benchmarks):
        values = rng.normal(size=resamples) * 10.0 ** rng.integers(-4, 4)
        values[rng.random(resamples) < undefined] = np.nan
        values[rng.random(resamples) < 0.1] = -0.0
        per_benchmark.append(values)
    mean = ReplicateMean()
    for values in per_benchmark:
        mean.add(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = np.nanmean(np.stack(per_benchmark), axis=0)
    assert mean.mean().tobytes() == expected.tobytes()


def test_suite_averages_take_the_benchmarks_with_a_value_and_their_replicates() -> None:
    averages = SuiteAverages()
    averages.add("a", {"m": {"value": 0.2}, "k": {"value": None}}, {"m": np.array([0.1, 0.3])})
    averages.add("b", {"m": {"value": 0.4}, "k": {"value": None}}, {"m": np.array([np.nan, 0.5])})
    average = averages.average("m")
    assert average is not None and average.benchmarks == ["a", "b"]
    assert average.value == pytest.approx(0.3)
    assert average.replicates is not None and average.replicates.tolist() == [0.1, 0.4]
    assert averages.average("k") is None and averages.average("absent") is None
    averages.add("c", {"m": {"value": 0.0}}, {})  # not bootstrapped: the suite has no interval
    unbootstrapped = averages.average("m")
    assert unbootstrapped is not None and unbootstrapped.replicates is None
