"""The lm-eval tasks' rows (expanded in ``custom_dataset``) and records.

lm-eval calls a task's ``custom_dataset`` with the task's ``metadata`` (its YAML's, merged with
``--metadata`` and the model arguments) and its ``dataset_kwargs`` as keyword arguments, once, when it
builds the task: the modbias lm-eval tasks load their base split and expand it there, so the rows
are made with the task's own settings. The templates set ``dataset_kwargs: {modbias_images: ...}``:
whether the task's requests carry images (``doc_to_image``). The no_image policy is a task setting
here (lm-eval has no per-model kwargs): ``gray_image`` unless the metadata key ``modbias_no_image``
says otherwise, and ``text_only`` for a task without images, which may run only no-image variants;
every row carries it (``blind_mode``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import datasets

from mb_tasks.lm_eval.lmms_tasks import lmms_task
from mb_tasks.lm_eval.sources import TEST_SPLIT, lmms_task_split, synth_items
from mb_tasks.lmms.expansion import NO_IMAGE_VARIANTS
from mb_tasks.lmms.requests import benchmark_adapter
from mb_tasks.lmms.results import build_record, row_metric_keys
from mb_tasks.lmms.settings import (
    BLIND_MODE_KEY,
    GRAY_IMAGE,
    TEXT_ONLY,
    TaskSettings,
    checked_blind_mode,
    settings_from_config,
)
from mb_tasks.lmms.task import expand_for
from mb_tasks.records import Record

#: The row column holding the task's no_image policy.
BLIND_MODE_COLUMN = "blind_mode"


def task_settings(metadata: Mapping[str, Any], has_images: bool) -> tuple[TaskSettings, str]:
    """The task's settings and no_image policy (see the module docstring); ValueError for a task
    without images given image variants."""
    benchmark = str((metadata.get("modbias") or {}).get("benchmark"))
    settings = settings_from_config(f"modbias_{benchmark}", {"modbias": metadata.get("modbias")})
    if not has_images and not set(settings.variants) <= NO_IMAGE_VARIANTS:
        raise ValueError(
            f"{settings.benchmark}: a task without doc_to_image can run only {sorted(NO_IMAGE_VARIANTS)}, "
            f"not {sorted(set(settings.variants) - NO_IMAGE_VARIANTS)}"
        )
    policy = metadata.get(BLIND_MODE_KEY, GRAY_IMAGE) if has_images else TEXT_ONLY
    return settings, checked_blind_mode(policy)


def expanded(base: datasets.Dataset, metadata: Mapping[str, Any], has_images: bool) -> datasets.DatasetDict:
    """The task's rows as the ``test`` split: ``base`` expanded, each row with the task's policy."""
    settings, policy = task_settings(metadata, has_images)
    split = benchmark_adapter(settings.benchmark).base_split(base, lmms_task(settings.benchmark).config)
    rows = expand_for(split, settings)
    return datasets.DatasetDict({TEST_SPLIT: rows.add_column(BLIND_MODE_COLUMN, [policy] * len(rows))})


def synth_rows(modbias_images: bool, **task_metadata: Any) -> datasets.DatasetDict:
    """``custom_dataset`` of the modbias_synth tasks: the committed items, expanded."""
    return expanded(synth_items()[TEST_SPLIT], task_metadata, modbias_images)


def lmms_task_rows(modbias_images: bool, **task_metadata: Any) -> datasets.DatasetDict:
    """``custom_dataset`` of a benchmark's task: the lmms-eval task's split (from a local copy with
    ``--metadata '{"modbias_data_dir": DIR}'``), expanded."""
    base = lmms_task_split(**task_metadata)[TEST_SPLIT]
    return expanded(base, task_metadata, modbias_images)


def process_results(doc: dict[str, Any], results: list[Any]) -> dict[str, Record]:
    """The row's record under every metric key of its task (the same dict object for each)."""
    record = build_record(doc, results[0] if results else None, doc[BLIND_MODE_COLUMN])
    return dict.fromkeys(row_metric_keys(doc), record)
