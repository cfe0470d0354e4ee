"""The expanded row: one variant of one item, self-describing.

A row carries every record field the item gives (``category``, ``cluster``, ``answer_type``,
``target``, ``options``, ``cf_target``), what its variant needs (hint, mismatch donor, the
counterfactual's base row), where its base split lives (``base_files``, ``base_index``), the task's
variant set and whether it has yes/no items (its metric keys follow from them), how many rows its item
has, and, on the task's first row only, what the expansion left out. So every hook is a function of
its row (and the arguments the harness passes); nothing needs an earlier ``process_docs`` in the same
process. Values that are lists or may be (golds, options, the split's files, the task's variants)
are JSON text: one string column each, cheap for the harness to read for every request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import datasets

from mb_tasks.benchmarks.base import Item

#: How many rows the item has; what the expansion left out (the task's first row only).
ITEM_VARIANTS, EXPANSION_PROBLEMS = "item_variants", "expansion_problems"

_TEXT, _INT = datasets.Value("string"), datasets.Value("int64")

#: The columns of an expanded row, in order.
ROW_FEATURES = datasets.Features(
    {
        "benchmark": _TEXT,
        "pair_id": _TEXT,
        "variant": _TEXT,
        "seed": _INT,
        "video_frames": _INT,
        "category": _TEXT,
        "cluster": _TEXT,
        "answer_type": _TEXT,
        "target": _TEXT,
        "options": _TEXT,
        "cf_target": _TEXT,
        "cf_index": _INT,
        "base_files": _TEXT,
        "base_index": _INT,
        "donor_index": _INT,
        "donor_id": _TEXT,
        "hint_answer": _TEXT,
        "hint_template": _INT,
        "hint_text": _TEXT,
        "task_variants": _TEXT,
        "task_has_yesno": datasets.Value("bool"),
        ITEM_VARIANTS: _INT,
        EXPANSION_PROBLEMS: [{"item": _TEXT, "row": _INT, "message": _TEXT}],
    }
)


def item_columns(item: Item) -> dict[str, Any]:
    """The row columns that describe ``item`` (golds as JSON text)."""
    return {
        "pair_id": item.pair_id,
        "category": item.category,
        "cluster": item.cluster,
        "answer_type": item.answer_type,
        "target": json.dumps(item.target),
        "options": json.dumps(list(item.options)) if item.options is not None else None,
        "cf_target": json.dumps(item.cf_target) if item.cf_target is not None else None,
        "cf_index": item.cf_index,
    }


def _gold(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


def row_target(doc: dict[str, Any]) -> Any:
    """The row's item gold (a string or a list of strings)."""
    return _gold(doc["target"])


def row_cf_target(doc: dict[str, Any]) -> Any:
    """The gold of the row's item under its native counterfactual (None without one)."""
    return _gold(doc["cf_target"])


def row_options(doc: dict[str, Any]) -> tuple[str, ...] | None:
    """The row's item options (None unless multiple choice)."""
    return tuple(json.loads(doc["options"])) if doc["options"] is not None else None


@dataclass(frozen=True)
class RowItem:
    """The item of a row in hashable form (golds as JSON text), for memoized image work."""

    benchmark: str
    base_files: str
    base_index: int
    pair_id: str
    category: str
    answer_type: str
    target: str
    options: tuple[str, ...] | None
    cluster: str | None
    cf_target: str | None
    cf_index: int | None

    def item(self) -> Item:
        """The :class:`Item` (its ``image_key`` is not carried by rows: only the expansion uses it)."""
        return Item(
            pair_id=self.pair_id,
            category=self.category,
            answer_type=self.answer_type,
            target=_gold(self.target),
            image_key="",
            options=self.options,
            cluster=self.cluster,
            cf_target=_gold(self.cf_target),
            cf_index=self.cf_index,
        )


def item_named(pair_id: str) -> Item:
    """An item that only names ``pair_id``: what reading an item's base images needs (``base_visual``
    reads the item's id, for its errors); a mismatch request reads its donor's images with it."""
    return Item(pair_id=pair_id, category="", answer_type="open", target=None, image_key="")


def row_item(doc: dict[str, Any]) -> RowItem:
    """The item of an expanded row."""
    return RowItem(
        benchmark=doc["benchmark"],
        base_files=doc["base_files"],
        base_index=doc["base_index"],
        pair_id=doc["pair_id"],
        category=doc["category"],
        answer_type=doc["answer_type"],
        target=doc["target"],
        options=row_options(doc),
        cluster=doc["cluster"],
        cf_target=doc["cf_target"],
        cf_index=doc["cf_index"],
    )
