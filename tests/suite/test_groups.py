"""The groups: every benchmark task in modbias_suite, its lite twin in modbias_suite_lite, both listed
by lmms-eval and by modbias run; the README's model-call tables are the computed ones."""

import os
import re
import subprocess
import sys
from pathlib import Path

from mb_tasks.suite.calls import GROUPS, calls_tables, task_calls
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import LM_EVAL_TASKS, TASK_YAMLS

README = Path(__file__).resolve().parents[2] / "README.md"
LITE_VARIANTS = ["original", "no_image", "misleading_hint"]
#: Benchmarks whose variant set lacks the standard lite set: their closest one (README, their YAMLs).
OWN_LITE_VARIANTS = {
    "vlms_are_biased": ["no_image", "counterfactual"],
    "vlind": ["original", "counterfactual"],
}
#: Every standard benchmark of issue 4, by its lmms-eval task name.
BENCHMARKS = {
    "mmstar", "pope", "scienceqa_img", "ai2d", "mmbench_en_dev", "seedbench", "cv_bench", "mme", "mmvp",
    "vqav2_val", "textvqa_val", "gqa", "chartqa", "hallusion_bench_image", "naturalbench",
    "vlms_are_biased", "vlind",
}  # fmt: skip


def test_the_suite_holds_every_standard_benchmark_once():
    suite = suite_index(TASK_YAMLS).groups["modbias_suite"]
    assert len(suite) == len(set(suite)) == len(BENCHMARKS)
    assert {task.removeprefix("modbias_") for task in suite} == BENCHMARKS


def test_every_suite_task_has_a_lite_twin_in_the_lite_group():
    index = suite_index(TASK_YAMLS)
    suite, lite = index.groups["modbias_suite"], index.groups["modbias_suite_lite"]
    assert [f"{task}_lite" for task in suite] == list(lite)
    for task in lite:
        options = index.tasks[task].config["metadata"]["modbias"]
        assert options["variants"] == OWN_LITE_VARIANTS.get(options["benchmark"], LITE_VARIANTS)
        assert options["max_items"] == 300
        assert index.tasks[task].benchmark == index.tasks[task.removesuffix("_lite")].benchmark


def test_lmms_eval_and_modbias_run_list_every_task_and_group():
    index = suite_index(TASK_YAMLS)
    names = set(index.tasks) | set(index.groups)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    listings = [
        [sys.executable, "-m", "lmms_eval", "tasks", "list", "--include-path", str(TASK_YAMLS)],
        [sys.executable, "-m", "mb_tasks.cli.main", "run", "--tasks", "list"],
    ]
    for command in listings:
        finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        listed = set(re.findall(r"\bmodbias_\w+", finished.stdout + finished.stderr))
        assert names <= listed, (command, names - listed)


def test_the_readme_gives_the_computed_model_call_counts():
    assert calls_tables() in README.read_text()


def test_native_counterfactuals_count_once_per_paired_item_and_shrink_with_the_subset():
    index = suite_index(TASK_YAMLS)
    calls = {entry.name: task_calls(entry).calls for entry in index.expand(GROUPS)}
    # 7,600 rows x the 8 variants that every item runs, + one counterfactual per row
    assert calls["modbias_naturalbench"] == 7_600 * 8 + 7_600
    assert calls["modbias_naturalbench_lite"] == 300 * 3
    assert calls["modbias_vlms_are_biased"] == 2_784 * 2  # no_image + counterfactual per item
    assert calls["modbias_vlms_are_biased_lite"] == 300 * 2
    assert calls["modbias_vlind"] == 2_654 + 842  # every probe's original, the lp probes' pair
    assert calls["modbias_vlind_lite"] == 300 + round(842 * 300 / 2_654)
    assert calls["modbias_gqa"] == 12_578 * 8  # no native pairs: no counterfactual rows


def test_the_modbias_tag_selects_every_task_in_both_harnesses():
    from lm_eval.tasks import TaskManager as LmEvalTasks
    from lmms_eval.tasks import TaskManager as LmmsEvalTasks

    lmms = LmmsEvalTasks(include_path=str(TASK_YAMLS)).task_index["modbias"]
    assert lmms["type"] == "tag" and set(lmms["task"]) == set(suite_index(TASK_YAMLS).tasks)
    lm_eval = LmEvalTasks(include_path=str(LM_EVAL_TASKS)).task_index["modbias"]
    lm_eval_tasks = {path.stem for path in LM_EVAL_TASKS.rglob("modbias_*.yaml")}
    assert lm_eval.kind.name == "TAG" and lm_eval.tags == lm_eval_tasks
