"""The report's bookkeeping: counts, input, the leak canary's minimum n, base-LLM problems."""

from __future__ import annotations

import json
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from records_factory import mcq_record, paired_table, yesno_record

from mb_tasks.benchmarks.base import provide_adapter_extras
from mb_tasks.lmms.aggregation import metric_names
from mb_tasks.metrics import compute_report
from mb_tasks.metrics.engine import LEAK_MIN_ITEMS, point_estimates, report_of_tables
from mb_tasks.metrics.screening import screen_records
from mb_tasks.metrics.table import tables_of
from mb_tasks.records import VARIANTS


def leaking_synth(n: int) -> list[dict]:
    """n synth items that need the image, answered right without it (a leaking wrapper)."""
    return [
        mcq_record(f"colour-{i}", variant, "A", benchmark="synth", category="colour")
        for i in range(n)
        for variant in ("original", "no_image")
    ]


def test_the_leak_canary_speaks_only_from_the_minimum_number_of_items() -> None:
    provide_adapter_extras()  # as the modbias command does: the synth adapter says which items need the image
    few = compute_report(leaking_synth(8), resamples=200)
    canary = few["leak_canary"]["synth"]
    assert canary["checked"] is False and canary["n"] == 8 and canary["value"] == pytest.approx(0.75)
    assert not any(w.startswith("LEAK CANARY synth") for w in few["warnings"])
    assert (
        "LEAK CANARY NOT CHECKED synth: only 8 item(s) that need the image have a no_image answer; "
        f"at least {LEAK_MIN_ITEMS} are needed."
    ) in few["warnings"]
    enough = compute_report(leaking_synth(LEAK_MIN_ITEMS), resamples=200)
    assert enough["leak_canary"]["synth"]["checked"] is True
    assert any(w.startswith("LEAK CANARY synth") for w in enough["warnings"])
    assert not any("NOT CHECKED" in w for w in enough["warnings"])


def test_counts_and_input_say_what_was_left_out() -> None:
    records = paired_table({(1, 0): 4})
    records.append(dict(records[0]))  # an identical duplicate
    records.append(dict(records[1], score=7))
    records.append(mcq_record("x", "original", "A", benchmark="gone", valid="perhaps"))
    records.append(mcq_record("y", "original", "A", benchmark=["not", "a", "name"]))
    report = compute_report(records, resamples=0)
    assert report["counts"]["bench"] == {
        "items": 4,
        "records": {"original": 4, "no_image": 4},
        "items_without_original": 0,
        "items_dropped": 0,
        "items_partial": 0,
        "records_left_out": {"bad field": 1, "duplicate": 1},
    }
    assert report["counts"]["gone"]["items"] == 0  # every record left out, still counted
    assert report["counts"]["gone"]["records_left_out"] == {"bad field": 1}
    assert set(report["benchmarks"]) == {"bench"}
    assert report["input"] == {"files": 0, "lines_skipped": 0, "records_read": 12, "records_left_out": 4}


def test_problems_of_the_base_llm_records_are_reported_too() -> None:
    records = paired_table({(1, 0): 3})
    base = [dict(r, variant="no_image") for r in records if r["variant"] == "original"]
    base.append(dict(base[0], score="high"))
    report = compute_report(records, resamples=0, base_llm_records=base)
    assert any(
        p.startswith("base LLM: record benchmark='bench'") and "score 'high'" in p for p in report["problems"]
    )
    assert report["benchmarks"]["bench"]["ml"]["n"] == 3


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
TABLE = [
    mcq_record(f"i{i}", variant, "A", benchmark=benchmark, category="colour", cf_target="B", hint_answer="C")
    for benchmark in ("bench", "synth")
    for i in range(3)
    for variant in VARIANTS
]


@settings(max_examples=150, deadline=None)
@given(
    position=st.integers(0, len(TABLE) - 1),
    field=st.sampled_from(sorted({*TABLE[0], "item_variants", "expansion_problems", "skipped", "source"})),
    value=JSON_VALUES,
    scored=st.booleans(),
)
def test_any_json_value_in_any_field_gives_a_report_not_an_exception(
    position: int, field: str, value: object, scored: bool
) -> None:
    records = [r if scored else {k: v for k, v in r.items() if k not in ("score", "valid")} for r in TABLE]
    records[position] = json.loads(json.dumps({**records[position], field: value}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = compute_report(records, resamples=20)
    used = sum(sum(counts["records"].values()) for counts in report["counts"].values())
    assert used + report["input"]["records_left_out"] == len(TABLE)


@pytest.mark.parametrize(
    "variants",
    [("no_image",), ("misleading_hint",), ("counterfactual",), ("no_image", "blank", "counterfactual")],
)
@pytest.mark.parametrize("has_yesno", [False, True])
def test_runs_without_originals_report_the_metrics_lmms_eval_registers(
    variants: tuple[str, ...], has_yesno: bool
) -> None:
    """lmms-eval's aggregation keys (metric_names) are the metrics the engine computes, in its order."""
    records = [
        mcq_record(f"i{i}", variant, "A", cf_target="B", hint_answer="C")
        for i in range(4)
        for variant in variants
    ]
    if has_yesno:
        records += [
            yesno_record(f"y{i}", variant, "yes", benchmark="bench") for i in range(2) for variant in variants
        ]
    assert list(point_estimates(records)) == list(metric_names(variants, has_yesno))


def test_the_report_is_the_same_on_one_thread_and_on_several() -> None:
    """Benchmarks bootstrapped on threads give the report of one thread, to the byte (each metric draws
    from its own seeded generator; the suite's replicates are added in benchmark order)."""
    records = []
    for benchmark in ("b1", "b2", "b3", "b4", "b5"):
        for item in range(40):
            right = "A" if (item * 7 + len(records)) % 3 else "B"
            records.append(mcq_record(f"i{item}", "original", right, benchmark=benchmark))
            records.append(
                mcq_record(f"i{item}", "no_image", "A" if item % 4 == 0 else "C", benchmark=benchmark)
            )
    build = tables_of(screen_records(records, keep_records=False))
    reports = [json.dumps(report_of_tables(build, resamples=300, threads=n)) for n in (1, 2, 3)]
    assert reports[0] == reports[1] == reports[2]
    assert json.loads(reports[0])["suite"]["mg_no_image"]["ci_low"] is not None
