"""The base split behind expanded rows, named by its Arrow files and reopened on demand.

Expanded rows hold no image: each names its base split (``base_files``, the JSON list of the Arrow
files that hold it, memory-mapped) and row (``base_index``). Any process can reopen it from those
paths, so a hook needs nothing but its row. A split that is not exactly its files (built in memory,
or a view with columns added, dropped or rows selected) is first written, once, to ``<datasets
cache>/modbias_bases/<sha256 of its content>.arrow``, as it is: images stay encoded (nothing is
decoded or re-encoded) and an image given by path stays a path. A view whose rows were permuted in
memory (``shuffle(keep_in_memory=True)``) cannot be told apart from its files: give such a split to
``flatten_indices`` first.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
from datasets.arrow_writer import ArrowWriter

from mb_tasks.variants.images import open_item_image

#: How many base splits stay open (memory-mapped) per process.
OPEN_SPLITS = 32
#: Rows per Arrow batch when hashing an in-memory split.
_BATCH = 1024


def undecoded(dataset: datasets.Dataset) -> datasets.Dataset:
    """The same rows with image and audio features left encoded ({"bytes", "path"} dicts); no data
    is copied."""
    view = dataset
    for name, feature in dataset.features.items():
        if isinstance(feature, datasets.Image):
            view = view.cast_column(name, datasets.Image(decode=False))
        elif isinstance(feature, datasets.Audio):
            view = view.cast_column(name, datasets.Audio(decode=False))
        elif isinstance(feature, (datasets.Sequence, list)):
            inner = feature.feature if isinstance(feature, datasets.Sequence) else feature[0]
            if isinstance(inner, datasets.Image):
                view = view.cast_column(name, datasets.Sequence(datasets.Image(decode=False)))
    return view


def files_reference(files: list[str] | tuple[str, ...]) -> str:
    """How rows name a split: the JSON list of its Arrow files."""
    return json.dumps(list(files))


@lru_cache(maxsize=OPEN_SPLITS)
def open_base(reference: str) -> datasets.Dataset:
    """The split the JSON list of Arrow files ``reference`` holds (concatenated in order,
    memory-mapped), images left encoded."""
    parts = [datasets.Dataset.from_file(path) for path in json.loads(reference)]
    return undecoded(parts[0] if len(parts) == 1 else datasets.concatenate_datasets(parts))


def _is_its_files(dataset: datasets.Dataset, files: list[str]) -> bool:
    """True when reopening ``files`` gives ``dataset``'s rows and columns (see the module docstring)."""
    if not files or len(dataset) != dataset.data.num_rows:
        return False
    try:
        reopened = open_base(files_reference(files))
    except (OSError, pa.ArrowInvalid):
        return False
    return len(reopened) == len(dataset) and reopened.features == undecoded(dataset).features


def content_digest(dataset: datasets.Dataset) -> str:
    """sha256 of the split's features and Arrow data, images encoded."""
    view = undecoded(dataset)
    digest = hashlib.sha256(json.dumps(view.features.to_dict(), sort_keys=True).encode("utf-8"))
    for batch in view.with_format("arrow").iter(batch_size=_BATCH):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, batch.schema) as writer:
            writer.write_table(batch)
        digest.update(sink.getvalue().to_pybytes())
    return digest.hexdigest()


def _written_copy(dataset: datasets.Dataset) -> str:
    """The split written to one Arrow file under the datasets cache, named by its content (written
    once, atomically; local image paths are kept, not embedded)."""
    root = Path(datasets.config.HF_DATASETS_CACHE) / "modbias_bases"
    target = root / f"{content_digest(dataset)}.arrow"
    if not target.is_file():
        root.mkdir(parents=True, exist_ok=True)
        handle, staging = tempfile.mkstemp(prefix=".writing-", suffix=".arrow", dir=root)
        os.close(handle)
        view = undecoded(dataset)
        writer = ArrowWriter(features=view.features, path=staging, embed_local_files=False)
        for batch in view.with_format("arrow").iter(batch_size=_BATCH):
            writer.write_table(batch)
        writer.finalize()
        writer.close()
        os.replace(staging, target)
    return str(target)


def base_files(dataset: datasets.Dataset) -> str:
    """The reference (JSON list) of the Arrow files that hold ``dataset`` exactly, writing a copy
    first when none do."""
    files = [entry["filename"] for entry in dataset.cache_files]
    return files_reference(files if _is_its_files(dataset, files) else [_written_copy(dataset)])


def base_doc(reference: str, index: int) -> dict[str, Any]:
    """Row ``index`` of the split ``reference`` names, with its images left encoded."""
    return open_base(reference)[index]


def image_doc(reference: str, index: int, image_columns: tuple[str, ...], item_id: str) -> dict[str, Any]:
    """Row ``index`` of the split ``reference`` names, with ``image_columns`` decoded
    (:class:`ItemImageError` naming ``item_id`` when one is missing, corrupt or over the bomb limit)."""
    doc = base_doc(reference, index)
    for column in image_columns:
        value = doc.get(column)
        if isinstance(value, (list, tuple)):
            doc[column] = [open_item_image(one, item_id) for one in value]
        else:
            doc[column] = open_item_image(value, item_id)
    return doc
