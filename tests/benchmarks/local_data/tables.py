"""What every table builder shares: feature types, the builder's result, rows as columns."""

from __future__ import annotations

from typing import Any

import datasets

IMAGE = datasets.Image()
TEXT = datasets.Value("string")
INT = datasets.Value("int64")

Table = tuple[dict[str, list[Any]], datasets.Features]


def columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Row dicts as columns (every row has the same keys)."""
    return {name: [row[name] for row in rows] for name in rows[0]}
