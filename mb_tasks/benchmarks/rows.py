"""Reading other rows of a base split (for adapters whose items pair with other rows)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # datasets loads only where the split is read (reports import adapters)
    import datasets


def columns_of(documents: datasets.Dataset, *names: str) -> dict[str, list[Any]]:
    """The named columns of a split as lists (no other column, so no image, is read)."""
    missing = [name for name in names if name not in documents.column_names]
    if missing:
        raise ValueError(f"the base split has no column(s) {missing} (columns: {documents.column_names})")
    return documents.select_columns(list(names)).to_dict()
