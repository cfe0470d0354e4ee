"""The lmms-eval task an lm-eval task wraps (``mb_tasks/task_yamls/modbias_<benchmark>``): where its
data comes from and its prompt settings, read from the lmms-eval task YAML so both suites share them."""

from __future__ import annotations

from functools import cache
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


@cache
def default_prompt_kwargs(benchmark: str) -> dict[str, Any] | None:
    """The ``default`` entry of the lmms-eval task's ``lmms_eval_specific_kwargs`` (the prompt settings
    of a model the task does not list); None if the task has none. lm-eval has no per-model setting,
    so its requests use these."""
    kwargs = lmms_task(benchmark).config.get("lmms_eval_specific_kwargs") or {}
    return kwargs.get("default")
