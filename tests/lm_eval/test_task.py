"""The lm-eval task files and settings: same metrics and aggregations as the lmms-eval suite, and a
clear error for a text-only task given image variants."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mb_tasks.benchmarks.synth import load_items
from mb_tasks.lm_eval.task import synth_rows, task_settings
from mb_tasks.lmms import aggregation
from mb_tasks.lmms.aggregation import ALL_METRICS
from mb_tasks.metrics.catalogue import BENCHMARK_METRICS
from mb_tasks.task_folders import LM_EVAL_TASKS, TASK_YAMLS

REPO = Path(__file__).resolve().parents[2]


class _KeepTags(yaml.SafeLoader):
    pass


_KeepTags.add_constructor("!function", lambda loader, node: f"!function {loader.construct_scalar(node)}")


def _metric_list(path: Path) -> list[dict]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepTags)["metric_list"]


def test_lm_eval_metrics_are_the_lmms_eval_metrics_with_the_same_functions() -> None:
    """The shared metrics; the benchmark-specific ones (BENCHMARK_METRICS, e.g. VLind-Bench's
    pipeline scores) stay in the lmms-eval template only, as no lm-eval task reports them."""
    lm_eval_list = _metric_list(LM_EVAL_TASKS / "_modbias_template_yaml")
    full_lmms_list = _metric_list(TASK_YAMLS / "_modbias_template_yaml")
    lmms_list = [m for m in full_lmms_list if m["metric"] not in BENCHMARK_METRICS]
    assert [m["metric"] for m in full_lmms_list] == [m["metric"] for m in lmms_list] + list(BENCHMARK_METRICS)
    assert [m["metric"] for m in lm_eval_list] == [m["metric"] for m in lmms_list]
    assert {m["metric"] for m in lm_eval_list} == set(ALL_METRICS) - set(BENCHMARK_METRICS)
    for entry in lm_eval_list:
        assert entry["aggregation"] == f"!function mb_tasks.lmms.aggregation.{entry['metric']}"
        assert getattr(aggregation, entry["metric"]) is aggregation.aggregation_for(entry["metric"])
    assert [m["higher_is_better"] for m in lm_eval_list] == [m["higher_is_better"] for m in lmms_list]


def test_no_image_policy_defaults_to_gray_and_can_be_overridden() -> None:
    metadata = {"modbias": {"benchmark": "synth"}}
    assert task_settings(metadata, has_images=True)[1] == "gray_image"
    override = metadata | {"modbias_no_image": "text_only"}
    assert task_settings(override, has_images=True)[1] == "text_only"
    text = {"modbias": {"benchmark": "synth", "variants": ["no_image", "misleading_hint_no_image"]}}
    assert task_settings(text, has_images=False)[1] == "text_only"


def test_a_task_without_images_refuses_image_variants() -> None:
    metadata = {"modbias": {"benchmark": "synth", "variants": ["original", "no_image"]}}
    with pytest.raises(ValueError, match=r"synth: a task without doc_to_image can run only .*\['original'\]"):
        task_settings(metadata, has_images=False)


def test_custom_dataset_expands_with_the_metadata_lm_eval_passes() -> None:
    """lm-eval calls a task's custom_dataset with its metadata and dataset_kwargs as keyword arguments
    (lm_eval.api.task.ConfigurableTask.download); the rows are the task's, each with its policy."""
    metadata = {
        "version": 0.1,
        "modbias": {"benchmark": "synth", "variants": ["no_image", "misleading_hint_no_image"]},
        "config_source": "modbias_synth_text.yaml",
        "pretrained": "some/checkpoint",
    }
    rows = synth_rows(**metadata, modbias_images=False)["test"]
    assert set(rows["variant"]) == {"no_image", "misleading_hint_no_image"}
    assert set(rows["blind_mode"]) == {"text_only"}
    assert len(rows) == 2 * len(load_items())
