"""Records, metric keys and aggregations of the glue."""

from __future__ import annotations

import pickle

import datasets
import pytest

from mb_tasks.benchmarks.base import BENCHMARK_METRICS
from mb_tasks.benchmarks.synth import load_items
from mb_tasks.lmms import process_results
from mb_tasks.lmms.aggregation import ALL_METRICS, aggregation_for, metric_names
from mb_tasks.lmms.results import SharedRecord
from mb_tasks.lmms.settings import TEXT_ONLY, TaskSettings
from mb_tasks.lmms.task import expand_for
from mb_tasks.metrics import point_estimates
from mb_tasks.records import VARIANTS
from tests.lmms import toy

ITEMS = load_items()


def synth_rows(count: int = 60):
    # the items are interleaved by family: any 8 consecutive ones cover all eight families, mcq and
    # yes/no, with counterfactuals
    data = datasets.Dataset.from_list(ITEMS[:count])
    return expand_for(data, TaskSettings("synth", VARIANTS, blind_mode=TEXT_ONLY))


def test_record_fields_and_scoring() -> None:
    rows = synth_rows(16)
    row = next(r for r in rows if r["variant"] == "misleading_hint")
    item = next(i for i in ITEMS if i["id"] == row["pair_id"])
    output = process_results(row, [item["target"]])
    record = output["record"]
    assert record["benchmark"] == "synth" and record["pair_id"] == item["id"]
    assert record["target"] == item["target"] and record["answer_type"] == item["answer_type"]
    assert record["score"] == 1.0 and record["valid"] is True
    assert record["hint_answer"] == row["hint_answer"] and record["hint_template"] == row["hint_template"]
    assert record["chance"] == item["chance"]
    assert record["item_variants"] == len(VARIANTS)  # every synth item has a counterfactual
    assert "expansion_problems" not in record
    assert set(output) - {"record"} == set(metric_names(VARIANTS, has_yesno=True))
    assert all(value.record is record for key, value in output.items() if key != "record")


def test_empty_answer_is_invalid_not_a_plain_miss() -> None:
    row = synth_rows(8)[0]
    record = process_results(row, [""])["record"]
    assert record["valid"] is False and record["invalid_reason"] == "empty" and record["score"] == 0.0


def test_counterfactual_is_scored_against_cf_target() -> None:
    rows = synth_rows(16)
    row = next(r for r in rows if r["variant"] == "counterfactual")
    item = next(i for i in ITEMS if i["id"] == row["pair_id"])
    assert item["cf_target"] != item["target"]
    assert process_results(row, [item["cf_target"]])["record"]["score"] == 1.0
    assert process_results(row, [item["target"]])["record"]["score"] == 0.0


def test_metric_keys_are_exactly_the_metrics_engine_reports() -> None:
    """The keys process_results emits match what mb_tasks.metrics computes for the same records."""
    rows = synth_rows(60)
    records = [process_results(row, ["A"])["record"] for row in rows]
    assert set(point_estimates(records)) == set(metric_names(VARIANTS, has_yesno=True))
    toy_rows = expand_for(toy.dataset(toy.docs(4)), TaskSettings("toy", ("original", "no_image")))
    toy_records = [process_results(row, ["A"])["record"] for row in toy_rows]
    assert set(point_estimates(toy_records)) == set(metric_names(("original", "no_image"), has_yesno=False))
    assert set(ALL_METRICS) == set(metric_names(VARIANTS, True)) | set(BENCHMARK_METRICS)


def test_aggregations_match_an_independent_computation() -> None:
    rows = synth_rows(40)
    answers = {}
    for row in rows:  # right on original, "A"/"yes" everywhere else
        item = next(i for i in ITEMS if i["id"] == row["pair_id"])
        answers[(row["pair_id"], row["variant"])] = (
            item["target"] if row["variant"] == "original" else ("A" if item["options"] else "yes")
        )
    outputs = [process_results(row, [answers[(row["pair_id"], row["variant"])]]) for row in rows]
    shared = [output["acc_original"] for output in outputs]
    targets = {i["id"]: i["target"] for i in ITEMS}
    blind = [answers[(p, "no_image")] == targets[p] for p in {r["pair_id"] for r in rows}]
    assert aggregation_for("acc_original")(shared) == 1.0
    assert aggregation_for("mg_no_image")(shared) == pytest.approx(1.0 - sum(blind) / len(blind))
    # After lmms-eval's distributed gather (pickling), the values still aggregate.
    gathered = pickle.loads(pickle.dumps(shared))
    assert isinstance(gathered[0], SharedRecord)
    assert aggregation_for("mg_no_image")(gathered) == aggregation_for("mg_no_image")(shared)


def test_unknown_metric_name_is_an_error() -> None:
    with pytest.raises(AttributeError, match="no modbias metric named 'acc_orginal'"):
        aggregation_for("acc_orginal")


def test_the_first_record_saves_what_the_expansion_left_out() -> None:
    docs = toy.docs(4)
    docs[1]["options"] = []
    rows = expand_for(toy.dataset(docs), TaskSettings("toy", ("original", "no_image")))
    records = [process_results(row, ["A"])["record"] for row in rows]
    assert records[0]["expansion_problems"] == [
        {"item": "toy-001", "row": 1, "message": "toy: row 1: item toy-001: no options; item skipped"}
    ]
    assert not any("expansion_problems" in record for record in records[1:])
    assert [record["item_variants"] for record in records] == [2] * 6
