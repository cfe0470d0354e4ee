"""The lmms-eval task an lm-eval task wraps (``mb_tasks/task_yamls/modbias_<benchmark>``): where its
data comes from and its prompt settings, read from the lmms-eval task YAML so both suites share them."""

from __future__ import annotations

from typing import Any

from mb_tasks.suite.index import TaskEntry, suite_index
from mb_tasks.task_folders import TASK_YAMLS


def lmms_task(benchmark: str) -> TaskEntry:
    """The lmms-eval task ``modbias_<benchmark>``; ``ValueError`` naming the benchmark if there is none."""
    name = f"modbias_{benchmark}"
    tasks = suite_index(TASK_YAMLS).tasks
    if name not in tasks:
        raise ValueError(f"benchmark {benchmark!r}: no lmms-eval task {name} under {TASK_YAMLS}")
    return tasks[name]


def default_prompt_kwargs(benchmark: str) -> dict[str, Any] | None:
    """The ``lmms_eval_specific_kwargs`` lmms-eval gives a model the task does not list (the
    ``default`` entry merged over the whole mapping, as ``lmms_eval.api.task`` does); None if the
    task has none. lm-eval has no such setting, so its requests use these."""
    kwargs = lmms_task(benchmark).config.get("lmms_eval_specific_kwargs")
    if kwargs is None:
        return None
    return {**kwargs, **kwargs.get("default", kwargs.get("dataset", {}))}
