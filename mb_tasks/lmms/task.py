"""``process_docs``: the entry point lmms-eval calls with the base split.

lmms-eval hands ``process_docs`` only the dataset, but the expansion needs the task's YAML settings
(``metadata.modbias``) and the model (for the no_image policy), so it reads them from the
``ConfigurableTask`` that is loading the dataset (its ``download`` is the caller).
"""

from __future__ import annotations

import sys

import datasets

from mb_tasks.benchmarks.base import BenchmarkAdapter, adapter
from mb_tasks.lmms.aggregation import metric_names
from mb_tasks.lmms.expansion import Expansion, expand
from mb_tasks.lmms.results import TASK_METRICS
from mb_tasks.lmms.settings import TaskSettings, settings_from_config


def calling_instance(cls: type) -> object | None:
    """The nearest ``self`` up the call stack that is an instance of ``cls`` (None if there is none).

    The harnesses hand ``process_docs`` only the dataset; the task object loading it (its YAML
    metadata, the model's name) is found this way, tied to lmms-eval 0.7.3 and lm-eval 0.4.13.
    """
    frame = sys._getframe(1)
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, cls):
            return candidate
        frame = frame.f_back
    return None


def loading_task() -> object:
    """The lmms-eval ``ConfigurableTask`` whose ``download`` is running (found up the call stack)."""
    from lmms_eval.api.task import ConfigurableTask

    task = calling_instance(ConfigurableTask)
    if task is not None:
        return task
    raise RuntimeError(
        "mb_tasks.lmms.process_docs must be called by lmms-eval while it loads a task; "
        "use mb_tasks.lmms.task.expand_for(dataset, settings) directly otherwise"
    )


def task_metric_keys(
    settings: TaskSettings, expansion: Expansion, benchmark_adapter: BenchmarkAdapter
) -> tuple[str, ...]:
    """The metric keys a task reports: those its variants (and yes/no items) allow, plus its
    benchmark's own metrics."""
    keys = metric_names(settings.variants, has_yesno="yesno" in expansion.answer_types)
    return keys + benchmark_adapter.extra_metrics


def expand_for(dataset: datasets.Dataset, settings: TaskSettings) -> datasets.Dataset:
    """The expanded rows of ``dataset`` under ``settings``, registering the task's metric keys."""
    benchmark_adapter = adapter(settings.benchmark)
    expansion = expand(dataset, settings, benchmark_adapter)
    keys = task_metric_keys(settings, expansion, benchmark_adapter)
    for base_key in set(expansion.rows["base_key"]):
        TASK_METRICS[base_key] = keys
    return expansion.rows


def process_docs(dataset: datasets.Dataset) -> datasets.Dataset:
    """lmms-eval's ``process_docs``: the base split expanded into item-major variant rows."""
    task = loading_task()
    config = task.config
    settings = settings_from_config(
        config.task, config.metadata, task.model_name, task.lmms_eval_specific_kwargs
    )
    return expand_for(dataset, settings)
