"""``process_docs`` and ``process_results`` for lm-eval tasks.

lm-eval hands ``process_docs`` only the split (and calls it each time the task asks for its
documents), so the settings come from the ``ConfigurableTask`` up the call stack (its ``metadata`` is
the YAML's, merged with the model arguments and ``--metadata``), and the expansion is memoized.
"""

from __future__ import annotations

from typing import Any

import datasets

from mb_tasks.benchmarks.base import adapter
from mb_tasks.lmms.expansion import NO_IMAGE_VARIANTS, expand
from mb_tasks.lmms.results import build_record
from mb_tasks.lmms.settings import BLIND_MODE_KEY, GRAY_IMAGE, TEXT_ONLY, TaskSettings, settings_from_config
from mb_tasks.lmms.task import calling_instance, task_metric_keys
from mb_tasks.records import Record

#: The row column naming the lm-eval task a row belongs to (tasks may share a base dataset).
TASK_COLUMN = "lm_eval_task"

#: lm-eval task name -> the metric keys its records are reported under.
TASK_METRICS: dict[str, tuple[str, ...]] = {}

_EXPANDED: dict[tuple[str, str, TaskSettings], datasets.Dataset] = {}


def loading_task() -> Any:
    """The lm-eval ``ConfigurableTask`` asking for its documents (found up the call stack)."""
    from lm_eval.api.task import ConfigurableTask

    task = calling_instance(ConfigurableTask)
    if task is not None:
        return task
    raise RuntimeError("mb_tasks.lm_eval.process_docs must be called by an lm-eval ConfigurableTask")


def task_settings(task_name: str, metadata: dict[str, Any] | None, has_images: bool) -> TaskSettings:
    """The task's settings; the no-image policy is ``gray_image`` unless ``modbias_no_image`` says
    otherwise, and ``text_only`` for a task without images (which may run only no-image variants)."""
    metadata = dict(metadata or {})
    policy = metadata.get(BLIND_MODE_KEY, GRAY_IMAGE) if has_images else TEXT_ONLY
    settings = settings_from_config(task_name, metadata, None, {BLIND_MODE_KEY: policy})
    if not has_images and not set(settings.variants) <= NO_IMAGE_VARIANTS:
        raise ValueError(
            f"task {task_name}: has no doc_to_image, so it can run only {sorted(NO_IMAGE_VARIANTS)}, "
            f"not {sorted(set(settings.variants) - NO_IMAGE_VARIANTS)}"
        )
    return settings


def expand_task(task_name: str, dataset: datasets.Dataset, settings: TaskSettings) -> datasets.Dataset:
    """The rows of task ``task_name``: the lmms-eval expansion of ``dataset`` plus the task column."""
    cache_key = (task_name, dataset._fingerprint, settings)
    if cache_key not in _EXPANDED:
        benchmark_adapter = adapter(settings.benchmark)
        expansion = expand(dataset, settings, benchmark_adapter)
        TASK_METRICS[task_name] = task_metric_keys(settings, expansion, benchmark_adapter)
        rows = expansion.rows
        _EXPANDED[cache_key] = rows.add_column(TASK_COLUMN, [task_name] * len(rows))
    return _EXPANDED[cache_key]


def process_docs(dataset: datasets.Dataset) -> datasets.Dataset:
    """lm-eval's ``process_docs``: the split expanded into item-major variant rows."""
    config = loading_task().config
    settings = task_settings(config.task, config.metadata, has_images=config.doc_to_image is not None)
    return expand_task(config.task, dataset, settings)


def process_results(doc: dict[str, Any], results: list[Any]) -> dict[str, Record]:
    """The row's record under every metric key of its task (the same dict object for each)."""
    record = build_record(doc, results[0] if results else None)
    return dict.fromkeys(TASK_METRICS[doc[TASK_COLUMN]], record)
