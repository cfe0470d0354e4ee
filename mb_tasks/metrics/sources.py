"""Where the records a report used came from: one entry per origin (benchmark and the ``source``
fields of imported records), with its files, its records and how many of them the source scored."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from mb_tasks.metrics.columns import SOURCE_FIELDS, Origin, origin
from mb_tasks.metrics.screening import Screening
from mb_tasks.records import Record


def _summary(origins: Iterable[tuple[str, Origin]]) -> list[dict[str, Any]]:
    """One entry per distinct (benchmark, *SOURCE_FIELDS) of (benchmark, origin) pairs (sorted): those
    fields, the distinct files in the order met, the records, and how many the source scored."""
    counts: Counter[tuple[str | None, ...]] = Counter()
    source_scored: Counter[tuple[str | None, ...]] = Counter()
    files: defaultdict[tuple[str | None, ...], dict[str, None]] = defaultdict(dict)
    for benchmark, (fields, file, scored) in origins:
        key = (benchmark, *fields)
        counts[key] += 1
        source_scored[key] += scored
        if file is not None:
            files[key][file] = None
    return [
        {
            **dict(zip(("benchmark", *SOURCE_FIELDS), key, strict=True)),
            "files": list(files[key]),
            "records": counts[key],
            "source_scored": source_scored[key],
        }
        for key in sorted(counts, key=lambda key: tuple(part or "" for part in key))
    ]


def source_summary(records: Iterable[Record]) -> list[dict[str, Any]]:
    """One entry per distinct (benchmark, *SOURCE_FIELDS) of the records that carry a ``source`` dict
    (sorted): those fields, the distinct files in the order met, the records, and how many of them the
    source scored (``scored_by: "source"``)."""
    return _summary(
        (record["benchmark"], found) for record in records if (found := origin(record)) is not None
    )


def screened_sources(screening: Screening) -> list[dict[str, Any]]:
    """:func:`source_summary` of the records the tables use."""
    columns = screening.columns
    rows = screening.kept[columns.array("origin")[screening.kept] >= 0]
    return _summary(
        (columns.benchmarks.values[columns.benchmark[row]], columns.origins.values[columns.origin[row]])
        for row in rows
    )
