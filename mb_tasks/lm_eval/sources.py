"""Base datasets for lm-eval tasks (``custom_dataset``), read the way the lmms-eval tasks read them."""

from __future__ import annotations

from typing import Any

import datasets

from mb_tasks.benchmarks.synth import DEFAULT_ITEMS_PATH


def synth_items(**_task_metadata: Any) -> datasets.DatasetDict:
    """The committed modbias_synth items as the ``test`` split (lm-eval resolves no relative
    ``data_files``, so the task names this loader instead)."""
    return datasets.load_dataset("json", data_files={"test": str(DEFAULT_ITEMS_PATH)})
