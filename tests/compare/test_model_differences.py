"""Paired model differences against direct computations on the records."""

from __future__ import annotations

import dataclasses
import json
import math
import random
from pathlib import Path

import pytest

from mb_tasks.compare import compare_runs
from mb_tasks.report.runs import Run, read_run


def score_of(records: list[dict]) -> dict[tuple[str, str, str], float]:
    return {
        (r["benchmark"], r["pair_id"], r["variant"]): (r["score"] if r["valid"] else 0.0) for r in records
    }


def direct_gain(scores: dict, benchmark: str, items: set[str]) -> float:
    """mean (c^original − c^no_image) over ``items``."""
    return sum(scores[(benchmark, p, "original")] - scores[(benchmark, p, "no_image")] for p in items) / len(
        items
    )


def items_with(scores: dict, benchmark: str, *variants: str) -> set[str]:
    pair_ids = {p for (b, p, _) in scores if b == benchmark}
    return {p for p in pair_ids if all((benchmark, p, v) in scores for v in variants)}


@pytest.fixture(scope="module")
def runs(example_runs: list[Path]) -> list[Run]:
    return [read_run(path) for path in example_runs]


def run_of(records: list[dict], path: Path) -> Run:
    """The run read from ``records`` written to the records file ``path``."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return read_run(path)


def test_gain_difference_matches_direct_computation_on_shared_items(runs: list[Run], tmp_path: Path) -> None:
    first, second = runs
    # The second model lost its no_image answers on ten items: those items drop out of mg for both.
    dropped = {f"toy_mcq-{i}" for i in range(10)}
    kept = [r for r in second.records if not (r["pair_id"] in dropped and r["variant"] == "no_image")]
    second = run_of(kept, tmp_path / "second.jsonl")
    comparison = compare_runs([first, second], resamples=2000)
    a, b = score_of(first.records), score_of(second.records)
    for benchmark, n_shared in (("toy_mcq", 110), ("toy_yesno", 100)):
        shared = items_with(a, benchmark, "original", "no_image") & items_with(
            b, benchmark, "original", "no_image"
        )
        assert len(shared) == n_shared
        expected = direct_gain(a, benchmark, shared) - direct_gain(b, benchmark, shared)
        result = comparison["pairs"][0]["benchmarks"][benchmark]["mg_no_image"]
        assert result["value"] == pytest.approx(expected, abs=1e-12)
        assert result["n_first"] == result["n_second"] == len(shared)
        assert result["ci_low"] <= result["value"] <= result["ci_high"]
        assert result["test"] == "bootstrap" and result["p_holm"] >= result["p_value"]
        assert result["ci_low"] > 0  # the grounded model gains far more from the image
    assert any("10 record(s)" in problem for problem in comparison["problems"])


def test_accuracy_difference_uses_exact_mcnemar_on_the_two_models(runs: list[Run]) -> None:
    comparison = compare_runs(runs, metrics=["acc_original"], resamples=500)
    a, b = score_of(runs[0].records), score_of(runs[1].records)
    keys = [k for k in a if k[0] == "toy_yesno" and k[2] == "original"]
    first_only = sum(a[k] == 1 and b[k] == 0 for k in keys)
    second_only = sum(a[k] == 0 and b[k] == 1 for k in keys)
    m = first_only + second_only
    expected_p = min(1.0, 2 * sum(math.comb(m, i) for i in range(min(first_only, second_only) + 1)) / 2**m)
    result = comparison["pairs"][0]["benchmarks"]["toy_yesno"]["acc_original"]
    assert result["test"] == "mcnemar"
    assert result["p_value"] == pytest.approx(expected_p, rel=1e-9)
    assert result["value"] == pytest.approx(sum(a[k] - b[k] for k in keys) / len(keys))


def test_a_model_against_itself_in_shuffled_order_differs_by_exactly_zero(
    runs: list[Run], tmp_path: Path
) -> None:
    """Pairing check: if items were misaligned or resampled independently, the interval would not be 0."""
    shuffled = list(runs[1].records)
    random.Random(7).shuffle(shuffled)
    twin = dataclasses.replace(run_of(shuffled, tmp_path / "shuffled.jsonl"), label="twin")
    comparison = compare_runs([runs[1], twin], resamples=1000)
    for scope in [*comparison["pairs"][0]["benchmarks"].values(), comparison["pairs"][0]["suite"]]:
        for metric, result in scope.items():
            assert result["value"] == pytest.approx(0.0, abs=1e-12), metric
            assert result["ci_low"] == pytest.approx(0.0, abs=1e-12), metric
            assert result["ci_high"] == pytest.approx(0.0, abs=1e-12), metric
            assert result["p_value"] == 1.0, metric


def test_three_runs_give_every_pair_in_order(runs: list[Run]) -> None:
    third = dataclasses.replace(runs[0], label="copy", path=Path("copy"))
    comparison = compare_runs([*runs, third], metrics=["mg_no_image"], resamples=200)
    pairs = [(pair["first"], pair["second"]) for pair in comparison["pairs"]]
    names = [model["label"] for model in comparison["models"]]
    assert pairs == [(names[0], names[1]), (names[0], names[2]), (names[1], names[2])]
    assert names == ["example-org/grounded-vlm", "example-org/language-vlm", "copy"]


def test_compare_refuses_a_single_run(runs: list[Run]) -> None:
    with pytest.raises(ValueError, match="at least two"):
        compare_runs(runs[:1])


def test_bad_input_in_one_run_is_named_and_its_items_compared_on_neither(tmp_path: Path) -> None:
    lines = (Path(__file__).resolve().parents[2] / "examples" / "records.jsonl").read_text().splitlines()[:90]
    records = [dict(json.loads(line), benchmark="mmbench_v1.1") for line in lines]
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()
        (folder / "garbage.jsonl").write_bytes(bytes(range(256)))
    (folders[0] / "s.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    spoiled = [dict(r, score=9) if r["pair_id"] == "toy_mcq-7" else r for r in records]
    (folders[1] / "s.jsonl").write_text("".join(json.dumps(r) + "\n" for r in spoiled))
    comparison = compare_runs([read_run(folder) for folder in folders], resamples=100)
    problems = comparison["problems"]
    assert any(p.startswith(f"{folders[0] / 'garbage.jsonl'}: not a text file") for p in problems)
    assert any(
        p.startswith(f"{folders[1]}: {folders[1] / 's.jsonl'}:64: score 9 is not a number in [0, 1]")
        for p in problems
    )
    assert f"{folders[0]}: 9 record(s) that not every run has were left out of the comparison" in problems
    for report in comparison["reports"].values():
        assert report["benchmarks"]["mmbench_v1.1"]["acc_original"]["n"] == 9
    assert comparison["pairs"][0]["benchmarks"]["mmbench_v1.1"]["acc_original"]["value"] == 0.0
