"""What the adapters of lmms-eval benchmarks share: the base task's own code, and other rows' fields.

Adapters import the base lmms-eval task's ``utils`` for its prompt (so the ``original`` request is
the base task's request byte for byte) instead of copying it.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import Any

import datasets


@cache
def task_module(folder: str, module: str = "utils") -> ModuleType:
    """``lmms_eval.tasks.<folder>.<module>``: the base task's code, as lmms-eval itself loads it."""
    return importlib.import_module(f"lmms_eval.tasks.{folder}.{module}")


def columns_of(documents: datasets.Dataset, *names: str) -> dict[str, list[Any]]:
    """The named columns of a split as lists (no other column, so no image, is read)."""
    missing = [name for name in names if name not in documents.column_names]
    if missing:
        raise ValueError(f"the base split has no column(s) {missing} (columns: {documents.column_names})")
    return documents.select_columns(list(names)).to_dict()
