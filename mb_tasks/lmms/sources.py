"""The base datasets behind expanded rows.

Expanded rows hold no image: each names its base dataset (``base_key``) and row (``base_index``), and
the request builders fetch the base document from here: undecoded for text, and with its image
columns decoded by :func:`mb_tasks.variants.open_item_image` (errors name the item) for images.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import datasets

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, adapter
from mb_tasks.variants.images import open_item_image


def undecoded(dataset: datasets.Dataset) -> datasets.Dataset:
    """The same rows with image features left encoded ({"bytes", "path"} dicts); no data is copied."""
    view = dataset
    for name, feature in dataset.features.items():
        if isinstance(feature, datasets.Image):
            view = view.cast_column(name, datasets.Image(decode=False))
        elif isinstance(feature, (datasets.Sequence, list)):
            inner = feature.feature if isinstance(feature, datasets.Sequence) else feature[0]
            if isinstance(inner, datasets.Image):
                view = view.cast_column(name, datasets.Sequence(datasets.Image(decode=False)))
    return view


@dataclass(frozen=True)
class BaseSource:
    """A base dataset, read through its undecoded view."""

    benchmark: str
    encoded: datasets.Dataset
    #: base row index -> its item (the well-formed items, filled in by the expansion)
    items: dict[int, Item] = field(default_factory=dict)

    @property
    def adapter(self) -> BenchmarkAdapter:
        return _adapter(self.benchmark)

    def text_doc(self, index: int) -> dict[str, Any]:
        """Base row ``index`` with its images left encoded."""
        return self.encoded[index]

    def image_doc(self, index: int, item_id: str) -> dict[str, Any]:
        """Base row ``index`` with the adapter's image columns decoded (:class:`ItemImageError`
        naming ``item_id`` when one is missing, corrupt or over the bomb limit)."""
        doc = self.encoded[index]
        for column in self.adapter.image_columns:
            value = doc.get(column)
            if isinstance(value, (list, tuple)):
                doc[column] = [open_item_image(one, item_id) for one in value]
            else:
                doc[column] = open_item_image(value, item_id)
        return doc


_SOURCES: dict[str, BaseSource] = {}


@cache
def _adapter(benchmark: str) -> BenchmarkAdapter:
    return adapter(benchmark)


def register_source(benchmark: str, dataset: datasets.Dataset, seed: int) -> tuple[str, BaseSource]:
    """Register a base dataset; the key is stable across processes that load the same data."""
    key = f"{benchmark}:{seed}:{dataset._fingerprint}"
    source = _SOURCES.get(key)
    if source is None:
        source = BaseSource(benchmark, undecoded(dataset))
        _SOURCES[key] = source
    return key, source


def source_of(doc: dict[str, Any]) -> BaseSource:
    """The base source of an expanded row (or of any dict with its ``base_key``)."""
    try:
        return _SOURCES[doc["base_key"]]
    except KeyError:
        raise KeyError(
            f"row {doc.get('pair_id')}/{doc.get('variant')}: base dataset {doc.get('base_key')!r} is not "
            "loaded in this process (rows must come from mb_tasks.lmms.process_docs)"
        ) from None


def item_of(doc: dict[str, Any]) -> Item:
    """The item behind an expanded row."""
    return source_of(doc).items[doc["base_index"]]
