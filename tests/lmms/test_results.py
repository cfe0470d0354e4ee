"""Records, metric keys and aggregations of the glue."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

from mb_tasks.benchmarks.synth import load_items
from mb_tasks.lmms import process_results
from mb_tasks.lmms.aggregation import ALL_METRICS, aggregation_for, metric_names
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.shared_record import SharedRecord
from mb_tasks.lmms.task import expand_for
from mb_tasks.metrics import point_estimates
from mb_tasks.metrics.catalogue import BENCHMARK_METRICS
from mb_tasks.records import ALL_VARIANTS, VARIANTS
from tests.lmms import toy

ITEMS = load_items()
ROOT = Path(__file__).resolve().parents[2]


def synth_rows(count: int = 60):
    # the items are interleaved by family: any 8 consecutive ones cover all eight families, mcq and
    # yes/no, with counterfactuals
    data = datasets.Dataset.from_list(ITEMS[:count])
    return expand_for(data, TaskSettings("synth", VARIANTS))


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
    assert set(ALL_METRICS) == set(metric_names(ALL_VARIANTS, True)) | set(BENCHMARK_METRICS)


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


def test_the_record_of_a_hand_made_row_needs_no_expansion(tmp_path) -> None:
    """process_results is a function of the row: a row typed out by hand (no process_docs) gives the
    record of DESIGN.md's schema and exactly the metric keys its task's variants allow."""
    files = toy.saved_split(tmp_path / "split", toy.docs(4))
    output = process_results(toy.hand_row(files, 1, "original"), ["B"])
    assert output["record"] == {
        "benchmark": "toy", "pair_id": "toy-001", "variant": "original", "category": "cat1",
        "cluster": None, "answer_type": "mcq", "target": "B", "options": list(toy.COLOURS),
        "response": "B", "parsed": "B", "score": 1.0, "valid": True, "invalid_reason": None,
        "chance": 0.25, "item_variants": 2,
    }  # fmt: skip
    assert set(output) - {"record"} == set(metric_names(("original", "no_image"), has_yesno=False))
    blind = process_results(toy.hand_row(files, 1, "no_image", expansion_problems=[]), [""])["record"]
    assert blind["blind_mode"] == "text_only" and blind["valid"] is False


def test_a_hand_made_row_whose_image_fails_to_decode_is_skipped_without_its_request(tmp_path) -> None:
    """The verdict comes from the row: process_results decodes the item's image itself when no
    request did in this process."""
    docs = toy.docs(3)
    docs[1]["image"] = {"bytes": toy.truncated_png(), "path": None}
    files = toy.saved_split(tmp_path / "split", docs)
    record = process_results(toy.hand_row(files, 1, "no_image"), ["A"])["record"]
    assert record["skipped"] == "item toy-001: corrupt or unreadable image (image file is truncated)"
    donee = toy.hand_row(files, 2, "mismatch", donor_index=1, donor_id="toy-001")
    assert process_results(donee, ["A"])["record"]["skipped"] == record["skipped"]
    assert "skipped" not in process_results(toy.hand_row(files, 2, "original"), ["A"])["record"]


def test_hooks_in_a_fresh_interpreter_given_only_a_row(tmp_path) -> None:
    """A new Python process that imports the hooks and is handed one row (as JSON) builds its request
    and record: no state of this test process is involved."""
    files = toy.saved_split(tmp_path / "split", toy.docs(2))
    row = toy.hand_row(files, 0, "original")
    script = (
        "import json, sys\n"
        "import tests.lmms.toy\n"  # registers the toy adapter, as any adapter module registers itself
        "from mb_tasks.lmms import doc_to_text, doc_to_visual, process_results\n"
        "row = json.loads(sys.argv[1])\n"
        "[image] = doc_to_visual(row)\n"
        "record = process_results(row, ['A'])['record']\n"
        "print(json.dumps([doc_to_text(row), image.getpixel((0, 0)), record]))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, json.dumps(row)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    text, pixel, record = json.loads(finished.stdout.splitlines()[-1])
    assert text.startswith("<image>\nWhich colour fills the picture?\nA. red")
    assert pixel == list(toy.RGB["red"])
    assert record["score"] == 1.0 and record["pair_id"] == "toy-000"
