"""Base datasets of the lm-eval tasks, read the way the lmms-eval tasks read them.

The tasks' ``custom_dataset`` (:mod:`mb_tasks.lm_eval.task`) passes them the task's metadata, so
``--metadata '{"modbias_data_dir": DIR}'`` points a task at local copies: ``DIR/<benchmark>``, a
``DatasetDict`` saved with ``save_to_disk`` (the layout of ``modbias run --data-dir``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import datasets

from mb_tasks.benchmarks.synth import DEFAULT_ITEMS_PATH
from mb_tasks.lm_eval.lmms_tasks import lmms_task
from mb_tasks.suite.local_data import local_copy_problem

#: The split name lm-eval task YAMLs read (``test_split: test``), whatever the base dataset calls it.
TEST_SPLIT = "test"


def synth_items(**_task_metadata: Any) -> datasets.DatasetDict:
    """The committed modbias_synth items as the ``test`` split (lm-eval resolves no relative
    ``data_files``, so the task names this loader instead)."""
    return datasets.load_dataset("json", data_files={TEST_SPLIT: str(DEFAULT_ITEMS_PATH)})


def lmms_task_split(
    modbias: dict[str, Any], modbias_data_dir: str | None = None, **_task_metadata: Any
) -> datasets.DatasetDict:
    """The lmms-eval task's split (its ``dataset_path``, ``dataset_name`` and ``test_split``) as
    ``test``: from the local copy ``modbias_data_dir/<benchmark>`` when given (``ValueError`` naming
    the benchmark, the path and how to make it if unusable), else from the Hugging Face hub."""
    entry = lmms_task(modbias["benchmark"])
    split = str(entry.config["test_split"])
    if modbias_data_dir is None:
        dataset = datasets.load_dataset(
            entry.config["dataset_path"], entry.config.get("dataset_name"), split=split
        )
        return datasets.DatasetDict({TEST_SPLIT: dataset})
    problem = local_copy_problem(entry, Path(modbias_data_dir))
    if problem is not None:
        raise ValueError(problem)
    local_copy = datasets.load_from_disk(str(Path(modbias_data_dir) / entry.benchmark))
    return datasets.DatasetDict({TEST_SPLIT: local_copy[split]})
