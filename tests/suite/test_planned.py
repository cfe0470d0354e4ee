"""modbias run --plan: plan files checked with a clear message, and the planned task tree."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mb_tasks.benchmarks.base import adapter
from mb_tasks.suite.index import read_task_config, suite_index
from mb_tasks.suite.local_data import write_local_tree
from mb_tasks.suite.planned import PLAN_GROUP, PlanError, read_plan
from mb_tasks.task_folders import TASK_YAMLS

INDEX = suite_index(TASK_YAMLS)


def _plan(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("tasks: {modbias_nope: {max_items: 3}}", "no modbias task is named modbias_nope"),
        ("tasks: {modbias_mmstar: {max_items: 0}}", "task modbias_mmstar: max_items must be a whole number"),
        (
            "tasks: {modbias_mmstar: {max_items: 2.5}}",
            "max_items must be a whole number of at least 1, got 2.5",
        ),
        ("tasks: {modbias_mmstar: {variants: [original, no_imag]}}", "unknown variant(s) ['no_imag']"),
        ("tasks: {modbias_mmstar: {variants: []}}", "variants must be a non-empty list"),
        (
            "tasks: {modbias_mmstar: {seeds: 3}}",
            "expected a mapping with keys ['max_items', 'variants', 'video_frames']",
        ),
        ("tasks: {modbias_mmstar: {video_frames: 8}}", "video_frames applies to video benchmarks only"),
        ("tasks: {modbias_videomme: {video_frames: 0}}", "video_frames must be a whole number of at least 1"),
        ("- modbias_mmstar", "expected a mapping 'tasks:"),
        ("tasks: [unclosed", "cannot read the plan"),
    ],
)
def test_a_bad_plan_names_its_file_and_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = _plan(tmp_path, text)
    with pytest.raises(PlanError) as raised:
        read_plan(path, INDEX)
    assert str(raised.value).startswith(f"{path}: ")
    assert problem in str(raised.value)


def test_variants_are_put_in_design_order(tmp_path: Path) -> None:
    path = _plan(tmp_path, "tasks: {modbias_pope: {variants: [no_image, original], max_items: 7}}")
    assert read_plan(path, INDEX) == {"modbias_pope": {"max_items": 7, "variants": ["original", "no_image"]}}


def test_a_video_task_plans_its_sampled_frames(tmp_path: Path) -> None:
    path = _plan(tmp_path, "tasks: {modbias_videomme_lite: {video_frames: 32}}")
    plan = read_plan(path, INDEX)
    assert plan == {"modbias_videomme_lite": {"video_frames": 32}}
    tree = write_local_tree(INDEX, None, tmp_path / "tree", plan)
    settings = read_task_config(tree / "modbias_videomme_lite.yaml")["metadata"]["modbias"]
    assert settings == {"benchmark": "videomme", "variants": list(adapter("videomme").lite_variants),
                        "max_items": 300, "video_frames": 32}  # fmt: skip


def test_planned_tasks_bind_their_own_settings_and_join_the_plan_group(tmp_path: Path) -> None:
    plan = {"modbias_mmstar": {"max_items": 5, "variants": ["original", "no_image"]}}
    tree = write_local_tree(INDEX, tmp_path / "data", tmp_path / "tree", plan)
    merged = read_task_config(tree / "modbias_mmstar.yaml")
    own = INDEX.tasks["modbias_mmstar"].config
    assert merged["metadata"]["modbias"] == {**own["metadata"]["modbias"], **plan["modbias_mmstar"]}
    assert merged["metadata"]["version"] == own["metadata"]["version"]
    assert merged["process_docs"] == "utils.process_docs_modbias_mmstar"
    node = yaml.compose((tree / "modbias_mmstar.yaml").read_text())
    (process_docs,) = [value for key, value in node.value if key.value == "process_docs"]
    assert process_docs.tag == "!function"
    utils = (tree / "utils.py").read_text()
    assert 'process_docs_modbias_mmstar = process_docs_for(__file__, "modbias_mmstar.yaml")' in utils
    assert yaml.safe_load((tree / f"{PLAN_GROUP}.yaml").read_text()) == {
        "group": PLAN_GROUP,
        "task": ["modbias_mmstar"],
    }
    unplanned = read_task_config(tree / "modbias_pope.yaml")
    assert unplanned["metadata"] == INDEX.tasks["modbias_pope"].config["metadata"]
