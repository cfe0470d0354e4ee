"""The groups: every image suite benchmark's task in modbias_suite, its lite twin in
modbias_suite_lite (video and audio ones in modbias_video_suite(_lite), modbias_audio_suite(_lite)),
all listed by lmms-eval and by modbias run; the model-call counts of the README's tables."""

import pytest

from mb_tasks.benchmarks.base import adapter, adapter_modules
from mb_tasks.cli.run import lmms_eval_arguments
from mb_tasks.suite.calls import task_calls
from mb_tasks.suite.generate import LITE_MAX_ITEMS, SUITE, SUITE_GROUPS, SUITE_LITE
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import LM_EVAL_TASKS, TASK_YAMLS

SYNTHETIC = frozenset({"synth", "synth_video", "synth_audio"})


@pytest.mark.parametrize(("medium", "groups"), SUITE_GROUPS.items())
def test_each_suite_group_holds_every_adapter_of_its_medium_but_the_synthetic_ones_once(medium, groups):
    suite = suite_index(TASK_YAMLS).groups[groups[0]]
    assert len(suite) == len(set(suite))
    expected = {name for name in adapter_modules() - SYNTHETIC if adapter(name).modality == medium}
    assert expected and {task.removeprefix("modbias_") for task in suite} == expected
    assert not any(adapter(name).in_suite for name in SYNTHETIC)


@pytest.mark.parametrize("groups", SUITE_GROUPS.values())
def test_every_suite_task_has_a_lite_twin_in_the_lite_group(groups):
    index = suite_index(TASK_YAMLS)
    suite, lite = index.groups[groups[0]], index.groups[groups[1]]
    assert [f"{task}_lite" for task in suite] == list(lite)
    for task in lite:
        options = index.tasks[task].config["metadata"]["modbias"]
        assert tuple(options["variants"]) == adapter(options["benchmark"]).lite_variants
        assert options["max_items"] == LITE_MAX_ITEMS == 300
        assert index.tasks[task].benchmark == index.tasks[task.removesuffix("_lite")].benchmark


@pytest.fixture(scope="module")
def lmms_eval_tasks():
    """lmms-eval's task index with the suite's folder included, as ``lmms-eval tasks list`` and
    ``lmms-eval --tasks list`` build it (their own tasks indexed too)."""
    from lmms_eval.tasks import TaskManager

    return TaskManager("WARNING", include_path=str(TASK_YAMLS))


def test_lmms_eval_and_modbias_run_list_every_task_and_group(lmms_eval_tasks):
    """Both listings are lmms-eval's ``TaskManager(include_path=...).all_tasks``; ``modbias run`` adds
    the suite's folder to what it forwards (tests/cli/test_run_command.py runs it end to end)."""
    index = suite_index(TASK_YAMLS)
    names = set(index.tasks) | set(index.groups)
    assert names <= set(lmms_eval_tasks.all_tasks), names - set(lmms_eval_tasks.all_tasks)
    assert lmms_eval_arguments(["--tasks", "list"]) == ["--tasks", "list", "--include_path", str(TASK_YAMLS)]


def test_native_counterfactuals_count_once_per_paired_item_and_shrink_with_the_subset():
    index = suite_index(TASK_YAMLS)
    calls = {entry.name: task_calls(entry).calls for entry in index.expand([SUITE, SUITE_LITE])}
    # 7,600 rows x the 8 variants that every item runs, + one counterfactual per row
    assert calls["modbias_naturalbench"] == 7_600 * 8 + 7_600
    assert calls["modbias_naturalbench_lite"] == 300 * 3
    assert calls["modbias_vlms_are_biased"] == 2_784 * 2  # no_image + counterfactual per item
    assert calls["modbias_vlms_are_biased_lite"] == 300 * 2
    assert calls["modbias_vlind"] == 2_654 + 842  # every probe's original, the lp probes' pair
    assert calls["modbias_vlind_lite"] == 300 + round(842 * 300 / 2_654)
    assert calls["modbias_gqa"] == 12_578 * 8  # no native pairs: no counterfactual rows


def test_the_modbias_tag_selects_every_task_in_both_harnesses(lmms_eval_tasks):
    from lm_eval.tasks import TaskManager as LmEvalTasks

    lmms = lmms_eval_tasks.task_index["modbias"]
    assert lmms["type"] == "tag" and set(lmms["task"]) == set(suite_index(TASK_YAMLS).tasks)
    lm_eval = LmEvalTasks(include_path=str(LM_EVAL_TASKS)).task_index["modbias"]
    lm_eval_tasks = {path.stem for path in LM_EVAL_TASKS.rglob("modbias_*.yaml")}
    assert lm_eval.kind.name == "TAG" and lm_eval.tags == lm_eval_tasks
