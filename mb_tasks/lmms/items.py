"""Reading a base split's items for the expansion: every well-formed item, and a problem naming each
row that cannot be one (malformed, a missing or unreadable image, an id that several rows use).

A column the adapter reads that the split lacks is not one bad row but a wrong dataset: it stops the
task with :class:`MissingColumnError` before any row is expanded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import datasets

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError
from mb_tasks.lmms.validation import check_item_images
from mb_tasks.variants.images import ItemImageError

#: Rows are read from the base dataset in batches of this many documents.
_BATCH = 256

#: How item errors start (``ItemError``/``ItemImageError`` messages name the item first).
_NAMED_ITEM = re.compile(r"^item (?P<item>.+?): ")


class MissingColumnError(ValueError):
    """The base split has no column the adapter reads: the message names benchmark, column and dataset."""


@dataclass(frozen=True)
class ExpansionProblem:
    """What the expansion left out: a dropped item (``item`` its id, ``row`` its base row) or, with
    ``item`` None, a task-level note; ``message`` is the full line naming benchmark, row and item."""

    item: str | None
    row: int | None
    message: str

    def as_record(self) -> dict[str, Any]:
        """The problem as the records' ``expansion_problems`` entry."""
        return {"item": self.item, "row": self.row, "message": self.message}


def _documents(view: datasets.Dataset) -> Iterator[tuple[int, dict[str, Any]]]:
    index = 0
    for batch in view.iter(batch_size=_BATCH):
        columns = list(batch)
        for values in zip(*(batch[name] for name in columns), strict=True):
            yield index, dict(zip(columns, values, strict=True))
            index += 1


def dataset_location(dataset: datasets.Dataset) -> str:
    """Where the split's data lives (the folder of its Arrow files), or "in memory"."""
    files = [entry["filename"] for entry in dataset.cache_files]
    return f"at {Path(files[0]).parent}" if files else "in memory"


def item_problem(benchmark: str, row: int, error: Exception, item: str | None = None) -> ExpansionProblem:
    """The problem of base row ``row`` whose item could not be made; without ``item``, its id is read
    off the error (whose message names the item first), or is ``row N`` when it does not."""
    if item is None:
        named = _NAMED_ITEM.match(str(error))
        item = named.group("item") if named else f"row {row}"
    return ExpansionProblem(item, row, f"{benchmark}: row {row}: {error}; item skipped")


def _missing_column(adapter: BenchmarkAdapter, view: datasets.Dataset, column: object) -> MissingColumnError:
    return MissingColumnError(
        f"{adapter.name}: the dataset {dataset_location(view)} has no column {column!r}, which the "
        f"{adapter.name} adapter reads (its columns: {', '.join(view.column_names)}); a local copy "
        "must keep every field of the benchmark's dataset"
    )


def _rows_text(rows: list[int]) -> str:
    """ "16 and 17" / "3, 5 and 9"."""
    return " and ".join([", ".join(map(str, rows[:-1])), str(rows[-1])])


def _without_duplicate_ids(
    benchmark: str, items: list[tuple[int, Item]]
) -> tuple[list[tuple[int, Item]], list[ExpansionProblem]]:
    """The items whose id no other item uses, and one problem per id that several rows use (all of
    those rows are dropped: which one is the real item cannot be known)."""
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row, item in items:
        rows_of[item.pair_id].append(row)
    shared = {pair_id: rows for pair_id, rows in rows_of.items() if len(rows) > 1}
    problems = [
        ExpansionProblem(
            pair_id,
            rows[0],
            f"{benchmark}: item {pair_id}: the id is used by rows {_rows_text(rows)}; "
            f"{'both' if len(rows) == 2 else f'all {len(rows)}'} skipped (an id must name one item)",
        )
        for pair_id, rows in shared.items()
    ]
    return [(row, item) for row, item in items if item.pair_id not in shared], problems


def read_items(
    view: datasets.Dataset, adapter: BenchmarkAdapter
) -> tuple[list[tuple[int, Item]], list[ExpansionProblem]]:
    """(base row, item) of every well-formed document with an id of its own, and a problem for every
    other one; :class:`MissingColumnError` if the split lacks a column the adapter reads."""
    items: list[tuple[int, Item]] = []
    problems: list[ExpansionProblem] = []
    adapter.prepare(view)
    for index, doc in _documents(view):
        if not adapter.selects(doc):
            continue
        try:
            item = adapter.item(doc, index)
            check_item_images(doc, adapter.image_columns, item.pair_id)
        except (ItemError, ItemImageError) as error:
            problems.append(item_problem(adapter.name, index, error))
            continue
        except KeyError as error:
            if error.args and error.args[0] not in doc:
                raise _missing_column(adapter, view, error.args[0]) from error
            raise
        items.append((index, item))
    unique, duplicates = _without_duplicate_ids(adapter.name, items)
    return unique, problems + duplicates
