"""Every metric against an independent computation on hand-built tables."""

from __future__ import annotations

import itertools

import pytest
from records_factory import mcq_record, paired_table, yesno_record

from mb_tasks.benchmarks.base import provide_adapter_extras
from mb_tasks.metrics import compute_report


def metrics_of(records: list[dict], benchmark: str = "bench") -> dict[str, dict]:
    return compute_report(records, resamples=200)["benchmarks"][benchmark]


@pytest.mark.parametrize(
    ("n11", "n10", "n01", "n00"), [(30, 12, 5, 13), (0, 10, 0, 0), (7, 0, 9, 2), (50, 25, 25, 0)]
)
@pytest.mark.parametrize(
    ("variant", "metric"), [("no_image", "mg_no_image"), ("blank", "mg_blank"), ("mismatch", "vrs_mismatch")]
)
def test_multimodal_gain_is_discordance_over_pairs(
    n11: int, n10: int, n01: int, n00: int, variant: str, metric: str
) -> None:
    records = paired_table({(1, 1): n11, (1, 0): n10, (0, 1): n01, (0, 0): n00}, variant)
    result = metrics_of(records)[metric]
    n = n11 + n10 + n01 + n00
    assert result["value"] == pytest.approx((n10 - n01) / n)
    assert result["n"] == n
    assert metrics_of(records)[f"acc_{variant}"]["value"] == pytest.approx((n11 + n01) / n)
    # grounded flip: among items right on the original, the share that drops.
    assert metrics_of(records)[f"grounded_flip_{variant}"]["value"] == pytest.approx(
        n10 / (n11 + n10) if n11 + n10 else None
    )


def test_unpaired_records_are_left_out_and_counted() -> None:
    records = paired_table({(1, 0): 4, (1, 1): 4})
    records.append(mcq_record("lonely", "no_image", "A"))
    report = compute_report(records, resamples=100)
    assert report["benchmarks"]["bench"]["mg_no_image"]["n"] == 8
    assert report["benchmarks"]["bench"]["acc_no_image"]["n"] == 9
    assert report["counts"]["bench"]["items_without_original"] == 1
    assert any("UNPAIRED bench: 1 item" in warning for warning in report["warnings"])


def _preference_case(pair_id: str, case: str) -> list[dict]:
    """One item of the text-preference table: original answer A, hint says C."""
    text_only = "C"
    with_hint = {"text": "C", "image": "A", "neither": "D"}[case]
    hint = {"hint_answer": "C", "hint_template": 0}
    return [
        mcq_record(pair_id, "original", "A"),
        mcq_record(pair_id, "misleading_hint", with_hint, **hint),
        mcq_record(pair_id, "misleading_hint_no_image", text_only, **hint),
    ]


@pytest.mark.parametrize(("n_text", "n_image", "n_neither"), [(8, 2, 3), (0, 5, 1), (4, 0, 0), (3, 3, 10)])
def test_text_preference_ratio_on_a_case_table(n_text: int, n_image: int, n_neither: int) -> None:
    records = []
    cases = ["text"] * n_text + ["image"] * n_image + ["neither"] * n_neither
    for i, case in enumerate(cases):
        records += _preference_case(f"i{i}", case)
    # Items where the text-only answer equals the original answer are not eligible at all.
    records += [
        mcq_record("same", "original", "A"),
        mcq_record("same", "misleading_hint", "A", hint_answer="C"),
        mcq_record("same", "misleading_hint_no_image", "A", hint_answer="C"),
    ]
    result = metrics_of(records)
    assert result["text_preference_ratio"]["value"] == pytest.approx(n_text / (n_text + n_image))
    assert result["text_preference_ratio"]["n"] == n_text + n_image
    # hint following: answers equal to the hinted C, over all valid misleading_hint answers.
    assert result["hint_follow_rate"]["value"] == pytest.approx(n_text / (len(cases) + 1))


def test_text_preference_ratio_is_null_without_decisive_items() -> None:
    records = _preference_case("x", "neither")
    assert metrics_of(records)["text_preference_ratio"]["value"] is None


def test_blind_metrics_and_bias_index() -> None:
    # 12 items; originals: 10 right; no_image: 5 right; chance 0.25 each.
    records = []
    for i in range(12):
        records.append(mcq_record(f"i{i}", "original", "A" if i < 10 else "B"))
        records.append(mcq_record(f"i{i}", "no_image", "A" if i % 2 == 0 else "D"))
    result = metrics_of(records)
    a_o, a_n, chance = 10 / 12, 6 / 12, 0.25
    assert result["blind_above_chance"]["value"] == pytest.approx(a_n - chance)
    assert result["blind_retention"]["value"] == pytest.approx((a_n - chance) / (a_o - chance))
    assert result["modality_bias_index"]["value"] == pytest.approx(
        min(1, max(0, (a_n - chance) / (a_o - chance)))
    )
    # image sensitivity: answers differ on items 1,3,5,7,9 (A vs D) and 10 (B vs A), 11 (B vs D).
    assert result["image_sensitivity_no_image"]["value"] == pytest.approx(7 / 12)


def test_blind_retention_is_null_when_original_is_at_chance() -> None:
    records = []
    for i in range(4):
        records.append(mcq_record(f"i{i}", "original", "A" if i == 0 else "B"))  # 1/4 = chance
        records.append(mcq_record(f"i{i}", "no_image", "A"))
    assert metrics_of(records)["blind_retention"]["value"] is None


def test_hint_norm_given_correct_and_consistent_gain() -> None:
    records = []
    # original right on 0..5, wrong on 6..7; misleading hint followed on 0,1,6; consistent hint right on all.
    for i in range(8):
        records.append(mcq_record(f"i{i}", "original", "A" if i < 6 else "B"))
        records.append(
            mcq_record(f"i{i}", "misleading_hint", "C" if i in (0, 1, 6) else "A", hint_answer="C")
        )
        records.append(mcq_record(f"i{i}", "consistent_hint", "A", hint_answer="A"))
    result = metrics_of(records)
    acc_hint = 5 / 8  # items 2,3,4,5,7 answer A
    assert result["hint_norm"]["value"] == pytest.approx(acc_hint / (6 / 8))
    assert result["hint_follow_given_correct"]["value"] == pytest.approx(2 / 6)
    assert result["consistent_hint_gain"]["value"] == pytest.approx((8 - 6) / 8)


def test_counterfactual_metrics() -> None:
    records = []
    # gold A on the original image, C on the counterfactual image.
    answers = [("A", "C"), ("A", "A"), ("A", "A"), ("B", "C"), ("A", "")]
    for i, (original, counterfactual) in enumerate(answers):
        records.append(mcq_record(f"i{i}", "original", original))
        records.append(mcq_record(f"i{i}", "counterfactual", counterfactual, cf_target="C"))
    result = metrics_of(records)
    assert result["cf_acc"]["value"] == pytest.approx(2 / 5)
    assert result["prior_follow_rate"]["value"] == pytest.approx(2 / 4)  # the empty answer is invalid
    assert result["pair_acc"]["value"] == pytest.approx(1 / 5)
    assert result["invalid_rate_counterfactual"]["value"] == pytest.approx(1 / 5)


def test_a_text_only_run_gets_every_metric_that_needs_no_original() -> None:
    """A text-only LLM's run (no_image records only, mcq and yes/no items mixed): acc, invalid_rate,
    blind_above_chance and yes_ratio are computed, the metrics that compare with the original are not."""
    mcq_answers = ["A", "A", "B", "A", "I cannot see the image.", "C", "A", "D"]
    yesno_answers = ["Yes", "no", "Yes", "maybe"]
    records = [mcq_record(f"m{i}", "no_image", answer) for i, answer in enumerate(mcq_answers)]
    records += [
        yesno_record(f"y{i}", "no_image", answer, benchmark="bench") for i, answer in enumerate(yesno_answers)
    ]
    result = metrics_of(records)
    # By hand: mcq gold A, chance 1/4; yes/no gold yes, chance 1/2; invalid answers score 0.
    scores_minus_chance = [(1.0 if a == "A" else 0.0) - 0.25 for a in mcq_answers]
    scores_minus_chance += [(1.0 if a == "Yes" else 0.0) - 0.5 for a in yesno_answers]
    assert result["blind_above_chance"]["value"] == pytest.approx(
        sum(scores_minus_chance) / len(scores_minus_chance)
    )
    assert result["blind_above_chance"]["n"] == 12
    assert result["acc_no_image"]["value"] == pytest.approx(6 / 12)
    assert result["invalid_rate_no_image"]["value"] == pytest.approx(2 / 12)  # the refusal and "maybe"
    assert result["yes_ratio_no_image"]["value"] == pytest.approx(2 / 3)  # 2 yes of 3 valid yes/no
    assert list(result) == [
        "acc_no_image", "invalid_rate_no_image", "blind_above_chance", "yes_ratio_no_image"
    ]  # fmt: skip


def test_misleading_hints_without_originals_give_only_the_hint_follow_rate() -> None:
    answers = ["C", "C", "A", "", "C"]  # hinted C; the empty answer is invalid
    records = [mcq_record(f"i{i}", "misleading_hint", a, hint_answer="C") for i, a in enumerate(answers)]
    result = metrics_of(records)
    assert result["hint_follow_rate"]["value"] == pytest.approx(3 / 4)
    assert not {"hint_follow_given_correct", "hint_norm", "modality_bias_index"} & set(result)


def test_yes_ratio_and_invalid_rate() -> None:
    responses = ["Yes", "yes.", "No", "I cannot see the image.", "", "Yes, it is."]
    records = [yesno_record(f"i{i}", "original", r) for i, r in enumerate(responses)]
    result = metrics_of(records, "yn")
    assert result["yes_ratio_original"]["value"] == pytest.approx(3 / 4)
    assert result["yes_ratio_original"]["n"] == 4
    assert result["invalid_rate_original"]["value"] == pytest.approx(2 / 6)
    assert result["acc_original"]["value"] == pytest.approx(3 / 6)


def test_high_invalid_rates_are_one_warning_per_benchmark_naming_each_variant() -> None:
    """10 items; invalid answers: original 1 (10%, under the 20% line), no_image 3, blank 5."""
    invalid = {"original": 1, "no_image": 3, "blank": 5}
    records = [
        mcq_record(f"i{i}", variant, "" if i < count else "A")
        for variant, count in invalid.items()
        for i in range(10)
    ]
    warnings = [w for w in compute_report(records, resamples=0)["warnings"] if "INVALID" in w]
    assert warnings == [
        "HIGH INVALID RATE bench: over 20% of the answers are empty, refused or unparseable in "
        "2 variant(s): no_image 30.0% of 10, blank 50.0% of 10 (they score 0 and are left out of "
        "answer comparisons)."
    ]


def test_leakage_against_a_base_llm_run() -> None:
    records, base = [], []
    for i in range(10):
        records.append(mcq_record(f"i{i}", "original", "A"))
        records.append(mcq_record(f"i{i}", "no_image", "A" if i < 6 else "B"))
        base.append(mcq_record(f"i{i}", "no_image", "A" if i < 2 else "B"))
    report = compute_report(records, resamples=100, base_llm_records=base)
    assert report["benchmarks"]["bench"]["ml"]["value"] == pytest.approx(0.6 - 0.2)
    flipped = compute_report(base, resamples=100, base_llm_records=records)
    assert flipped["benchmarks"]["bench"]["ml"]["value"] == 0.0


def test_suite_is_the_equal_weight_mean_over_benchmarks() -> None:
    first = paired_table({(1, 0): 3, (1, 1): 1})  # mg 0.75 on 4 items
    second = [dict(r, benchmark="other") for r in paired_table({(1, 0): 1, (0, 0): 9})]  # mg 0.1 on 10
    report = compute_report(first + second, resamples=100)
    assert report["suite"]["mg_no_image"]["value"] == pytest.approx((0.75 + 0.1) / 2)
    assert report["suite"]["mg_no_image"]["n"] == 14


def test_foreign_records_are_scored_like_the_tasks() -> None:
    complete = [
        mcq_record(f"i{i}", v, r)
        for i, (v, r) in enumerate(itertools.product(["original"], ["A", "(b)", "", "the answer is C"]))
    ]
    foreign = [
        {k: v for k, v in r.items() if k not in ("parsed", "score", "valid", "chance")} for r in complete
    ]
    assert metrics_of(foreign) == metrics_of(complete)


def test_duplicates_and_unknown_variants_are_reported() -> None:
    records = paired_table({(1, 0): 3})
    records.append(dict(records[0], response="B", parsed="B", score=0.0))  # conflicts with item0/original
    records.append(dict(records[3]))  # an identical copy of item1/no_image
    records.append(mcq_record("item0", "upside_down", "A"))
    report = compute_report(records, resamples=50)
    assert report["benchmarks"]["bench"]["acc_original"]["value"] == 1.0  # the first record was kept
    assert any(
        "conflicting duplicate of bench item 'item0' 'original'" in p and "score 1, parsed 'A'" in p
        for p in report["problems"]
    )
    assert any(
        "1 duplicate 'no_image' record(s) left out" in p and "item item1" in p for p in report["problems"]
    )
    assert any("unknown variant 'upside_down'" in p for p in report["problems"])
    assert report["counts"]["bench"]["records_left_out"] == {
        "unknown variant": 1,
        "conflicting duplicate": 1,
        "duplicate": 1,
    }


def _synth_records(category: str, n: int, blind_right: bool) -> list[dict]:
    records = []
    for i in range(n):
        pair_id = f"{category}-{i}"
        records.append(mcq_record(pair_id, "original", "A", benchmark="synth", category=category))
        records.append(
            mcq_record(
                pair_id,
                "no_image",
                "A" if blind_right else "BCD"[i % 3],
                benchmark="synth",
                category=category,
            )
        )
    return records


def test_leak_canary_watches_only_items_that_need_the_image() -> None:
    provide_adapter_extras()  # as the modbias command does: the synth adapter says which items need the image
    # Right without the image on prior-answerable items (common knowledge): no leak.
    prior_only = _synth_records("prior_capital", 40, blind_right=True) + _synth_records("colour", 40, False)
    report = compute_report(prior_only, resamples=1000)
    assert report["benchmarks"]["synth"]["blind_above_chance"]["value"] > 0.2
    assert report["leak_canary"]["synth"]["value"] == pytest.approx(0 - 0.25)
    assert report["leak_canary"]["synth"]["n"] == 40
    assert not any(w.startswith("LEAK CANARY") for w in report["warnings"])
    # Right without the image on items that need it: the wrapper leaks.
    leaking = _synth_records("colour", 40, blind_right=True)
    report = compute_report(leaking, resamples=1000)
    assert report["leak_canary"]["synth"]["value"] == pytest.approx(0.75)
    assert any(w.startswith("LEAK CANARY synth") for w in report["warnings"])
    # A benchmark without an adapter has no canary.
    assert (
        "toy" not in compute_report([dict(r, benchmark="toy") for r in leaking], resamples=10)["leak_canary"]
    )


def test_records_marked_skipped_are_left_out_and_reported() -> None:
    records = paired_table({(1, 0): 4})
    records[0] = dict(records[0], skipped="item item0: image is truncated")
    report = compute_report(records, resamples=50)
    assert report["benchmarks"]["bench"]["acc_original"]["n"] == 3
    assert report["counts"]["bench"]["items_without_original"] == 1
    assert any("1 record(s) marked skipped" in p and "truncated" in p for p in report["problems"])
