"""Small local copies of every suite benchmark, with exactly the real datasets' fields and feature
types (as lmms-eval's utils for each task read them), saved with ``save_to_disk`` as a DatasetDict
under the split(s) its task YAML reads. Each table is a ``<benchmark>_rows()`` builder returning its
columns and features (``choice``, ``yes_no``, ``open_answer``); images come from ``images``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import datasets

from mb_tasks.benchmarks.base import Item, adapter
from mb_tasks.benchmarks.vlind.probes import probes_from_release
from tests.benchmarks.local_data.choice import (
    ai2d_rows,
    cv_bench_rows,
    mmbench_en_dev_rows,
    mmstar_rows,
    mmvp_rows,
    scienceqa_img_rows,
    seedbench_rows,
)
from tests.benchmarks.local_data.images import png
from tests.benchmarks.local_data.media import mmau_rows, tempcompass_rows, videomme_rows, write_videos
from tests.benchmarks.local_data.open_answer import (
    chartqa_rows,
    gqa_image_rows,
    gqa_rows,
    textvqa_val_rows,
    vlms_are_biased_rows,
    vqav2_val_rows,
)
from tests.benchmarks.local_data.tables import Table
from tests.benchmarks.local_data.yes_no import (
    hallusion_bench_image_rows,
    mme_rows,
    naturalbench_rows,
    pope_rows,
    vlind_release,
)

#: benchmark -> its local copy's splits (the one its task YAML reads first), each a table builder.
TABLES: dict[str, dict[str, Callable[[], Table]]] = {
    "mmstar": {"val": mmstar_rows},
    "pope": {"test": pope_rows},
    "scienceqa_img": {"test": scienceqa_img_rows},
    "ai2d": {"test": ai2d_rows},
    "mmbench_en_dev": {"dev": mmbench_en_dev_rows},
    "seedbench": {"test": seedbench_rows},
    "cv_bench": {"test": cv_bench_rows},
    "mme": {"test": mme_rows},
    "mmvp": {"train": mmvp_rows},
    "vqav2_val": {"validation": vqav2_val_rows},
    "textvqa_val": {"validation": textvqa_val_rows},
    "gqa": {"testdev": gqa_rows, "testdev_images": gqa_image_rows},
    "chartqa": {"test": chartqa_rows},
    "hallusion_bench_image": {"image": hallusion_bench_image_rows},
    "naturalbench": {"test": naturalbench_rows},
    "vlms_are_biased": {"main": vlms_are_biased_rows},
}
#: Every image benchmark with a local copy: the tables' and VLind-Bench (built from its miniature release).
BENCHMARKS: tuple[str, ...] = (*TABLES, "vlind")
#: The video and audio benchmarks' local copies (their videos: :func:`write_videos`).
MEDIA_TABLES: dict[str, dict[str, Callable[[], Table]]] = {
    "videomme": {"test": videomme_rows},
    "tempcompass": {"test": tempcompass_rows},
    "mmau": {"test_mini": mmau_rows},
}


def table(build: Callable[[], Table]) -> datasets.Dataset:
    """The ``datasets`` table of a builder's columns and features; an ``audio`` column of WAV files
    becomes an ``Audio`` column, as in the real copies (cast, not encoded: ``datasets``' audio
    encoder needs torchcodec)."""
    columns, features = build()
    dataset = datasets.Dataset.from_dict(columns, features=features)
    return dataset.cast_column("audio", datasets.Audio()) if "audio" in features else dataset


def docs(build: Callable[[], Table]) -> list[dict[str, Any]]:
    """A builder's rows as documents, as an adapter reads them (images left encoded)."""
    columns, _ = build()
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def adapter_items(benchmark: str) -> list[Item]:
    """The items the benchmark's adapter reads from its local copy's task split, prepared with the
    split as the engine prepares it."""
    bench = adapter(benchmark)
    build = next(iter((TABLES | MEDIA_TABLES)[benchmark].values()))
    bench.prepare(table(build))
    return [bench.item(doc, row) for row, doc in enumerate(docs(build))]


def local_copy(benchmark: str, scratch: Path) -> datasets.DatasetDict:
    """The benchmark's local copy (``scratch``: a folder for VLind-Bench's miniature release)."""
    if benchmark == "vlind":
        return datasets.DatasetDict({"test": probes_from_release(vlind_release(scratch / "vlind_release"))})
    tables = (TABLES | MEDIA_TABLES)[benchmark]
    return datasets.DatasetDict({split: table(build) for split, build in tables.items()})


def save_local_copy(benchmark: str, data_dir: Path) -> datasets.Dataset:
    """Save the benchmark's local copy as ``data_dir/<benchmark>``; returns the split its task reads."""
    copy = local_copy(benchmark, data_dir)
    copy.save_to_disk(str(data_dir / benchmark))
    return next(iter(copy.values()))


__all__ = [
    "BENCHMARKS",
    "MEDIA_TABLES",
    "TABLES",
    "adapter_items",
    "ai2d_rows",
    "chartqa_rows",
    "cv_bench_rows",
    "docs",
    "gqa_image_rows",
    "gqa_rows",
    "hallusion_bench_image_rows",
    "local_copy",
    "mmbench_en_dev_rows",
    "mme_rows",
    "mmstar_rows",
    "mmvp_rows",
    "naturalbench_rows",
    "png",
    "pope_rows",
    "save_local_copy",
    "scienceqa_img_rows",
    "seedbench_rows",
    "table",
    "textvqa_val_rows",
    "vlind_release",
    "vlms_are_biased_rows",
    "vqav2_val_rows",
    "write_videos",
]
