"""``modbias export --format every-eval-ever``: every log and every sample line validates against the
Every Eval Ever 0.3.0 schema, and holds the report's numbers and the run's records."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mb_tasks.metrics import compute_report
from mb_tasks.report.runs import read_run
from mb_tasks.task_folders import TASK_YAMLS
from tests.export.conftest import RESAMPLES, Export, write_jsonl

SCHEMAS = Path(__file__).with_name("schemas")
#: The schema's rule for ``detailed_evaluation_results.file_path``.
UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
SAMPLES_PATH = re.compile(rf"^data/[^/]+/[^/]+/[^/]+/{UUID4}_samples\.jsonl$")


class _FunctionTags(yaml.SafeLoader):
    pass


_FunctionTags.add_constructor("!function", lambda loader, node: loader.construct_scalar(node))


def catalogue_directions() -> dict[str, bool | None]:
    """higher_is_better of every metric of the task template, read here with plain YAML."""
    template = yaml.load((TASK_YAMLS / "_modbias_template_yaml").read_text(), Loader=_FunctionTags)
    return {entry["metric"]: entry["higher_is_better"] for entry in template["metric_list"]}


def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads((SCHEMAS / name).read_text()))


def logs(out: Path) -> dict[str, dict[str, Any]]:
    """Every aggregate log under ``out``, by evaluation_id."""
    found = [json.loads(path.read_text()) for path in sorted(out.rglob("*.json"))]
    return {log["evaluation_id"]: log for log in found}


def samples(out: Path, log: dict[str, Any]) -> list[dict[str, Any]]:
    path = out / log["detailed_evaluation_results"]["file_path"]
    return [json.loads(line) for line in path.read_text().splitlines()]


@pytest.fixture(scope="module")
def exported(export: Export, synth_runs: list[Path], example_runs: list[Path], tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("eee")
    export("every-eval-ever", *synth_runs, *example_runs, out=out, env={"SOURCE_DATE_EPOCH": "1700000000"})
    return out


def test_every_log_and_sample_line_validates_against_the_schema(exported: Path) -> None:
    aggregate, instance = validator("eval.schema.json"), validator("instance_level_eval.schema.json")
    found = logs(exported)
    # modbias_synth for both reference models; toy_mcq and toy_yesno for both simulated models.
    assert sorted(log["evaluation_results"][0]["evaluation_name"] for log in found.values()) == sorted(
        ["modbias_synth"] * 2 + ["modbias_toy_mcq", "modbias_toy_yesno"] * 2
    )
    for log in found.values():
        assert not list(aggregate.iter_errors(log))
        rows = samples(exported, log)
        assert rows and all(not list(instance.iter_errors(row)) for row in rows)


def test_results_are_the_reports_numbers_with_the_catalogues_directions(
    exported: Path, synth_runs: list[Path]
) -> None:
    directions = catalogue_directions()
    run = read_run(synth_runs[1])
    report = compute_report(run.records, seed=0, resamples=int(RESAMPLES))["benchmarks"]["synth"]
    (log,) = [log for log in logs(exported).values() if log["model_info"]["name"] == "modbias_text_follower"]
    assert log["retrieved_timestamp"] == "1700000000"
    results = {result["metric_config"]["metric_name"]: result for result in log["evaluation_results"]}
    expected = [
        m for m in directions if m in report and directions[m] is not None and report[m]["value"] is not None
    ]
    assert list(results) == expected and "mg_no_image" in results and "modality_bias_index" in results
    for name, result in results.items():
        value = report[name]
        assert result["metric_config"]["lower_is_better"] is (not directions[name]), name
        assert result["score_details"]["score"] == value["value"], name
        uncertainty = result["score_details"]["uncertainty"]
        assert uncertainty["num_samples"] == value["n"]
        assert uncertainty["num_bootstrap_samples"] == int(RESAMPLES)
        interval = uncertainty["confidence_interval"]
        assert (interval["lower"], interval["upper"], interval["confidence_level"]) == (
            value["ci_low"],
            value["ci_high"],
            0.95,
        )
        assert (
            "bootstrap" in interval["method"] and result["score_details"]["details"]["bootstrap_seed"] == "0"
        )
    left_out = json.loads(log["source_metadata"]["additional_details"]["metrics_not_exported"])
    assert "consistent_hint_gain (no direction in the catalogue)" in left_out
    assert len(left_out) + len(results) == len(report)


def test_samples_are_the_records_the_metrics_used_with_their_prompts(
    exported: Path, synth_runs: list[Path]
) -> None:
    run = read_run(synth_runs[0])
    (samples_file,) = synth_runs[0].rglob("*_samples_modbias_synth.jsonl")
    logged = [json.loads(line) for line in samples_file.read_text().splitlines()]
    prompts = {(s["record"]["pair_id"], s["record"]["variant"]): s["input"] for s in logged}
    (log,) = [log for log in logs(exported).values() if log["model_info"]["name"] == "modbias_oracle"]
    detail = log["detailed_evaluation_results"]
    path = exported / detail["file_path"]
    assert SAMPLES_PATH.match(detail["file_path"])
    aggregate = path.with_name(path.name.replace("_samples.jsonl", ".json"))  # side by side, one uuid
    assert json.loads(aggregate.read_text())["evaluation_id"] == log["evaluation_id"]
    assert detail["checksum"] == hashlib.sha256(path.read_bytes()).hexdigest()
    rows = samples(exported, log)
    assert detail["total_rows"] == len(rows) == len(run.records) == 90
    result_ids = {result["evaluation_result_id"] for result in log["evaluation_results"]}
    records = {(r["pair_id"], r["variant"]): r for r in run.records}
    for row in rows:
        pair_id, variant = row["sample_id"].rsplit("/", 1)
        record = records[(pair_id, variant)]
        assert row["evaluation_id"] == log["evaluation_id"] and row["model_id"] == log["model_info"]["id"]
        assert (
            row["evaluation_result_id"] == f"modbias_synth/acc_{variant}"
            and row["evaluation_result_id"] in result_ids
        )
        assert row["input"]["raw"] == prompts[(pair_id, variant)]
        assert row["output"]["raw"] == [record["response"]]
        assert row["evaluation"] == {"score": record["score"], "is_correct": record["score"] == 1.0}
        gold = record["cf_target"] if variant == "counterfactual" else record["target"]
        assert row["input"]["reference"] == [gold] and row["input"]["choices"] == record["options"]
        assert row["metadata"]["variant"] == variant and row["metadata"]["category"] == record["category"]


def test_the_same_runs_give_the_same_files(
    export: Export, synth_runs: list[Path], exported: Path, tmp_path
) -> None:
    export("every-eval-ever", *synth_runs, out=tmp_path, env={"SOURCE_DATE_EPOCH": "1700000000"})
    again = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert len(again) == 4  # a log and a samples file per model
    for relative, data in again.items():
        assert (exported / relative).read_bytes() == data, relative


def test_lines_left_out_are_named_and_saved_in_the_log(
    export: Export, example_runs: list[Path], tmp_path
) -> None:
    (samples_file,) = example_runs[0].glob("*_samples_modbias_toy_yesno.jsonl")
    lines = samples_file.read_text().splitlines()
    records = write_jsonl(
        tmp_path / "records.jsonl", [json.loads(line)["acc_original"] for line in lines[:90]]
    )
    with records.open("a") as handle:
        handle.write("{not json\n")
    done = export("every-eval-ever", records, out=tmp_path / "out")
    assert f"{records}:91: malformed JSON" in done.stderr
    (log,) = logs(tmp_path / "out").values()
    assert log["model_info"] == {
        "name": "records",
        "id": "records",
        "additional_details": {"deployment_type": "unknown", "model_availability": "unknown"},
    }
    notes = json.loads(log["source_metadata"]["additional_details"]["notes"])
    assert any(f"{records}:91: malformed JSON" in note for note in notes)
    assert log["detailed_evaluation_results"]["total_rows"] == 90
    assert all(row["input"]["raw"] == "" for row in samples(tmp_path / "out", log))  # no prompt logged
