"""The video metrics (catalogue entries over the video variants) against a computation by hand:
accuracies, the temporal and multimodal gains with McNemar p-values, order sensitivity over items
valid in both, and the Holm adjustment over every p-value of the report."""

import numpy as np
import pytest
from records_factory import mcq_record
from scipy.stats import binomtest

from mb_tasks.metrics import compute_report
from mb_tasks.records import VIDEO_VARIANTS
from mb_tasks.variants.seeds import rng

ITEMS = 120
#: Answers drawn per item and variant: a letter, or an unparseable one (an invalid answer).
RESPONSES = ("A", "A", "B", "C", "D", "no idea")
VARIANTS = ("original", *VIDEO_VARIANTS)


@pytest.fixture(scope="module")
def records():
    generator = rng("video metrics test")
    return [
        mcq_record(f"item{i}", variant, RESPONSES[int(generator.integers(len(RESPONSES)))], benchmark="video")
        for i in range(ITEMS)
        for variant in VARIANTS
    ]


@pytest.fixture(scope="module")
def report(records):
    return compute_report(records, resamples=500)


def _by_hand(records):
    """item -> variant -> (score, parsed answer or None when invalid)."""
    table: dict[str, dict[str, tuple[float, str | None]]] = {}
    for record in records:
        answer = record["parsed"] if record["valid"] else None
        table.setdefault(record["pair_id"], {})[record["variant"]] = (record["score"], answer)
    return table


def _holm(p_values):
    order = np.argsort(p_values)
    adjusted, running = np.empty(len(p_values)), 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def test_accuracy_of_every_video_variant(records, report):
    table = _by_hand(records)
    for variant in VIDEO_VARIANTS:
        result = report["benchmarks"]["video"][f"acc_{variant}"]
        assert result["value"] == pytest.approx(np.mean([table[i][variant][0] for i in table]))
        assert result["n"] == ITEMS


@pytest.mark.parametrize(
    ("name", "variant"),
    [("tg_single_frame", "single_frame"), ("tg_frozen_video", "frozen_video"), ("mg_no_video", "no_video")],
)
def test_gains_are_paired_differences_with_mcnemar(records, report, name, variant):
    table = _by_hand(records)
    result = report["benchmarks"]["video"][name]
    differences = [table[i]["original"][0] - table[i][variant][0] for i in table]
    assert result["value"] == pytest.approx(np.mean(differences)) and result["n"] == ITEMS
    assert result["ci_low"] <= result["value"] <= result["ci_high"]
    b, c = differences.count(1.0), differences.count(-1.0)
    assert result["p_value"] == pytest.approx(binomtest(b, b + c, 0.5).pvalue)


@pytest.mark.parametrize("variant", ["shuffled_frames", "reversed_frames"])
def test_order_sensitivity_is_the_flip_rate_over_items_valid_in_both(records, report, variant):
    table = _by_hand(records)
    both = [i for i in table if table[i]["original"][1] is not None and table[i][variant][1] is not None]
    flips = [table[i]["original"][1] != table[i][variant][1] for i in both]
    result = report["benchmarks"]["video"][f"order_sensitivity_{variant}"]
    assert result["n"] == len(both) < ITEMS
    assert result["value"] == pytest.approx(np.mean(flips)) and result["p_value"] is None


def test_holm_adjusts_the_video_p_values_with_the_rest(report):
    results = report["benchmarks"]["video"]
    tested = {name: result for name, result in results.items() if result["p_value"] is not None}
    assert {"mg_no_video", "tg_single_frame", "tg_frozen_video"} <= set(tested)
    adjusted = _holm(np.array([result["p_value"] for result in tested.values()]))
    assert [result["p_holm"] for result in tested.values()] == pytest.approx(list(adjusted))


def test_the_leak_canary_watches_no_video_on_items_that_need_the_clip():
    """synth_video's extras say its motion, order and count families need the clip: a model right on
    all of them without the video is flagged, naming no_video; one at chance there is not."""
    from mb_tasks.benchmarks.synth_video import SynthVideoAdapter  # registers synth_video's extras

    families = sorted(SynthVideoAdapter.vision_required_categories)
    leaky, honest = [], []
    for i in range(60):
        family = families[i % len(families)]
        for variant in ("original", "no_video"):
            leaky.append(mcq_record(f"i{i}", variant, "A", benchmark="synth_video", category=family))
            guess = "A" if variant == "original" or i % 4 == 0 else "B"
            honest.append(mcq_record(f"i{i}", variant, guess, benchmark="synth_video", category=family))
    flagged = compute_report(leaky, resamples=500)
    assert flagged["leak_canary"]["synth_video"]["checked"]
    [warning] = [w for w in flagged["warnings"] if w.startswith("LEAK CANARY synth_video")]
    assert "need the video" in warning and "use no_video" in warning
    assert not any(w.startswith("LEAK CANARY") for w in compute_report(honest, resamples=500)["warnings"])
