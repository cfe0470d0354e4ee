"""The checks that need every record of a run, made once all are screened: items with fewer records
than the variants they were expanded into (``item_variants``), records marked ``skipped``, records
of unknown variants, and duplicates of a (benchmark, pair_id, variant) key (the first is kept). Each
works on the compact columns (:mod:`mb_tasks.metrics.columns`) with numpy; what it leaves out or
finds missing is named and counted in a :class:`ProblemLog`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from mb_tasks.metrics.columns import RecordColumns
from mb_tasks.records import ALL_VARIANTS

#: At most this many problem lines are listed per reason; the rest are counted in one line.
MAX_LINES_PER_REASON = 20
#: At most this many item ids are named in a line about several items.
NAMED_ITEMS = 5

DUPLICATE, CONFLICTING_DUPLICATE = "duplicate", "conflicting duplicate"
UNKNOWN_VARIANT, SKIPPED = "unknown variant", "skipped"
#: Reasons of problem lines that leave no record out.
EXPANSION, PARTIAL = "dropped at expansion", "partial item"


class ProblemLog:
    """Problem lines (at most MAX_LINES_PER_REASON per reason) and counts of records left out."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.per_reason: Counter[str] = Counter()
        self.left_out: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.unnamed: Counter[str] = Counter()

    def note(self, reason: str, line: str) -> None:
        self.per_reason[reason] += 1
        if self.per_reason[reason] <= MAX_LINES_PER_REASON:
            self.lines.append(line)

    def leave_out(self, benchmark: object, reason: str, line: str, records: int = 1) -> None:
        counts = self.left_out[benchmark] if isinstance(benchmark, str) and benchmark else self.unnamed
        counts[reason] += records
        self.note(reason, line)

    def unlisted(self) -> list[str]:
        return [
            f"{count - MAX_LINES_PER_REASON} more {reason!r} problem line(s) not listed"
            for reason, count in self.per_reason.items()
            if count > MAX_LINES_PER_REASON
        ]


def _items_text(pair_ids: Sequence[str]) -> str:
    named = ", ".join(pair_ids[:NAMED_ITEMS])
    return named + (f" and {len(pair_ids) - NAMED_ITEMS} more" if len(pair_ids) > NAMED_ITEMS else "")


def item_codes(columns: RecordColumns) -> np.ndarray:
    """A dense code of each record's (benchmark, pair_id)."""
    benchmark, pair = columns.array("benchmark").astype(np.int64), columns.array("pair")
    combined = benchmark * max(1, len(columns.pair_ids.values)) + pair
    return np.unique(combined, return_inverse=True)[1].reshape(-1)


def partial_items(columns: RecordColumns, items: np.ndarray, log: ProblemLog) -> dict[str, int]:
    """Name the items with fewer distinct variants than their ``item_variants``; partial items per
    benchmark (records marked skipped count as present)."""
    if not len(items):
        return {}
    n_items, n_variants = int(items.max()) + 1, len(columns.variants.values)
    present = np.bincount(
        np.unique(items * n_variants + columns.array("variant")) // n_variants, minlength=n_items
    )
    counts = np.asarray(columns.item_variant_counts.values)  # int64, or objects for huge numbers
    wanted = np.zeros(n_items, dtype=counts.dtype)
    np.maximum.at(wanted, items, counts[columns.array("item_variants")])
    first = np.full(n_items, len(items), dtype=np.int64)
    np.minimum.at(first, items, np.arange(len(items)))
    partial: dict[str, list[str]] = {}
    for item in sorted(np.flatnonzero(present < wanted), key=lambda item: first[item]):
        row = first[item]
        benchmark = columns.benchmarks.values[columns.benchmark[row]]
        pair_id = columns.pair_ids.values[columns.pair[row]]
        partial.setdefault(benchmark, []).append(f"{pair_id} has {present[item]} of {wanted[item]}")
    for benchmark, described in partial.items():
        log.note(
            PARTIAL,
            f"{benchmark}: {len(described)} partial item(s), with fewer variant records than the item was "
            f"expanded into (a --limit that is not a multiple of the variant count cuts the last item): "
            f"item {_items_text(described)}; their records are used as they are",
        )
    return {benchmark: len(described) for benchmark, described in partial.items()}


def without_skipped(columns: RecordColumns, log: ProblemLog) -> np.ndarray:
    """The rows not marked skipped; the skipped ones are left out, per benchmark with their reasons."""
    skipped = columns.array("skipped")
    reasons: dict[str, list[str]] = {}
    for row in np.flatnonzero(skipped >= 0):
        benchmark = columns.benchmarks.values[columns.benchmark[row]]
        reasons.setdefault(benchmark, []).append(columns.skip_reasons.values[skipped[row]])
    for benchmark, texts in reasons.items():
        distinct = sorted(set(texts))
        log.leave_out(
            benchmark,
            SKIPPED,
            f"{benchmark}: {len(texts)} record(s) marked skipped (their image, clip or recording failed when "
            f"the request was built) left out: {'; '.join(distinct[:3])}"
            + (f"; and {len(distinct) - 3} more" if len(distinct) > 3 else ""),
            records=len(texts),
        )
    return np.flatnonzero(skipped < 0)


def known_variants(columns: RecordColumns, rows: np.ndarray, log: ProblemLog) -> np.ndarray:
    """The ``rows`` of a known variant; the others are left out, counted per benchmark and variant."""
    known_codes = [code for code, name in enumerate(columns.variants.values) if name in ALL_VARIANTS]
    known = np.isin(columns.array("variant")[rows], known_codes)
    unknown = Counter(
        (columns.benchmarks.values[columns.benchmark[row]], columns.variants.values[columns.variant[row]])
        for row in rows[~known]
    )
    for (benchmark, variant), count in unknown.items():
        log.leave_out(
            benchmark,
            UNKNOWN_VARIANT,
            f"{benchmark}: unknown variant {variant!r} in {count} record(s), left out; "
            f"known variants: {', '.join(ALL_VARIANTS)}",
            records=count,
        )
    return rows[known]


def first_of_each_key(
    columns: RecordColumns, items: np.ndarray, rows: np.ndarray, log: ProblemLog
) -> np.ndarray:
    """The first of ``rows`` of each (benchmark, pair_id, variant); later ones are reported as
    duplicates, naming the item, or the conflict when the answer differs."""
    keys = items[rows] * max(1, len(columns.variants.values)) + columns.array("variant")[rows]
    _, first, key_of = np.unique(keys, return_index=True, return_inverse=True)
    is_first = np.zeros(len(rows), dtype=bool)
    is_first[first] = True
    identical: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for position in np.flatnonzero(~is_first):
        row, kept = rows[position], rows[first[key_of.reshape(-1)[position]]]
        benchmark = columns.benchmarks.values[columns.benchmark[row]]
        pair_id = columns.pair_ids.values[columns.pair[row]]
        variant = columns.variants.values[columns.variant[row]]
        if columns.answer_text(kept) == columns.answer_text(row):
            identical[(benchmark, variant)].append(pair_id)
            continue
        log.leave_out(
            benchmark,
            CONFLICTING_DUPLICATE,
            f"{columns.where(row)}: conflicting duplicate of {benchmark} item {pair_id!r} {variant!r}: "
            f"the first record ({columns.where(kept)}: {columns.answer_text(kept)}) is kept, this one "
            f"({columns.answer_text(row)}) is left out",
        )
    for (benchmark, variant), pair_ids in identical.items():
        log.leave_out(
            benchmark,
            DUPLICATE,
            f"{benchmark}: {len(pair_ids)} duplicate {variant!r} record(s) left out (the first record of "
            f"each item is kept): item {_items_text(pair_ids)}",
            records=len(pair_ids),
        )
    return rows[np.sort(first)]
