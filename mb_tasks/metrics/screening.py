"""From the records read to the records the tables use: every record left out is named and counted.

In order: the items the tasks dropped at expansion (``expansion_problems``) are collected; each record
is checked by :func:`mb_tasks.metrics.validation.validate_record`; items with fewer records than the
variants they were expanded into (``item_variants``) are named; records marked ``skipped``, of
unknown variants, and duplicates of a (benchmark, pair_id, variant) key (the first is kept) are left
out. A problem names the record's ``file:line`` when the reader gave its location.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mb_tasks.metrics.validation import validate_record
from mb_tasks.records import VARIANTS, Record

#: At most this many problem lines are listed per reason; the rest are counted in one line.
MAX_LINES_PER_REASON = 20
#: At most this many item ids are named in a line about several items.
NAMED_ITEMS = 5

DUPLICATE, CONFLICTING_DUPLICATE = "duplicate", "conflicting duplicate"
UNKNOWN_VARIANT, SKIPPED = "unknown variant", "skipped"
#: Reasons of problem lines that leave no record out.
EXPANSION, PARTIAL = "dropped at expansion", "partial item"

#: The fields of a record's ``source`` that tell one origin of records from another (with the benchmark).
SOURCE_FIELDS = ("format", "repo", "commit", "model")

#: A record and where it was read ("file:line"), if known.
Entry = tuple[Record, str | None]


@dataclass
class Screening:
    """The records to use, and what was left out or is missing, per benchmark."""

    records: list[Record]
    problems: list[str]
    records_read: int
    #: benchmark -> reason -> records left out
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)
    #: reason -> records left out that have no usable benchmark name
    left_out_unnamed: dict[str, int] = field(default_factory=dict)
    #: benchmark -> items the task dropped at expansion
    items_dropped: dict[str, int] = field(default_factory=dict)
    #: benchmark -> items with fewer records than the variants they were expanded into
    items_partial: dict[str, int] = field(default_factory=dict)

    @property
    def records_left_out(self) -> int:
        """Every record read that no table uses."""
        named = sum(n for reasons in self.left_out.values() for n in reasons.values())
        return named + sum(self.left_out_unnamed.values())


class _Log:
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

    def problems(self) -> list[str]:
        unlisted = [
            f"{count - MAX_LINES_PER_REASON} more {reason!r} problem line(s) not listed"
            for reason, count in self.per_reason.items()
            if count > MAX_LINES_PER_REASON
        ]
        return self.lines + unlisted


def _where(record: Record, location: str | None) -> str:
    """The record's ``file:line``, else its benchmark/pair_id/variant."""
    if location:
        return location
    return "record " + ", ".join(
        f"{key}={record.get(key)!r:.60}" for key in ("benchmark", "pair_id", "variant")
    )


def _items_text(pair_ids: Sequence[str]) -> str:
    named = ", ".join(pair_ids[:NAMED_ITEMS])
    return named + (f" and {len(pair_ids) - NAMED_ITEMS} more" if len(pair_ids) > NAMED_ITEMS else "")


def _expansion_problems(records: Iterable[Record], log: _Log) -> dict[str, int]:
    """Note every ``expansion_problems`` message once per benchmark; items dropped per benchmark."""
    seen: set[tuple[str, str, str, str]] = set()
    dropped: Counter[str] = Counter()
    for record in records:
        entries = record.get("expansion_problems")
        if not entries:
            continue
        benchmark = record.get("benchmark")
        benchmark = benchmark if isinstance(benchmark, str) else ""  # a bad name is left out and named later
        for entry in entries if isinstance(entries, list) else [entries]:
            item, row, message = (
                (entry.get("item"), entry.get("row"), entry.get("message"))
                if isinstance(entry, dict)
                else (None, None, entry)
            )
            key = (benchmark, repr(item), repr(row), str(message))
            if key not in seen:
                seen.add(key)
                if item is not None and benchmark:
                    dropped[benchmark] += 1
                log.note(EXPANSION, str(message))
    return dict(dropped)


def _validated(entries: Iterable[Entry], log: _Log) -> list[Entry]:
    kept: list[Entry] = []
    for record, location in entries:
        checked, rejection = validate_record(record)
        if checked is not None:
            kept.append((checked, location))
        else:
            line = f"{_where(record, location)}: {rejection.detail}; record left out"
            log.leave_out(record.get("benchmark"), rejection.reason, line)
    return kept


def _partial_items(entries: Iterable[Entry], log: _Log) -> dict[str, int]:
    """Name the items with fewer distinct variants than their ``item_variants``; partial items per
    benchmark (records marked skipped count as present)."""
    variants: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    expected: Counter[tuple[str, str]] = Counter()
    for record, _ in entries:
        key = (record["benchmark"], record["pair_id"])
        variants[key].add(record["variant"])
        expected[key] = max(expected[key], record.get("item_variants") or 0)
    partial: defaultdict[str, list[str]] = defaultdict(list)
    for (benchmark, pair_id), wanted in expected.items():
        if len(variants[(benchmark, pair_id)]) < wanted:
            partial[benchmark].append(f"{pair_id} has {len(variants[(benchmark, pair_id)])} of {wanted}")
    for benchmark, items in partial.items():
        log.note(
            PARTIAL,
            f"{benchmark}: {len(items)} partial item(s), with fewer variant records than the item was "
            f"expanded into (a --limit that is not a multiple of the variant count cuts the last item): "
            f"item {_items_text(items)}; their records are used as they are",
        )
    return {benchmark: len(items) for benchmark, items in partial.items()}


def _without_skipped(entries: list[Entry], log: _Log) -> list[Entry]:
    reasons: defaultdict[str, list[str]] = defaultdict(list)
    for record, _ in entries:
        if record.get("skipped"):
            reasons[record["benchmark"]].append(str(record["skipped"]))
    for benchmark, texts in reasons.items():
        distinct = sorted(set(texts))
        log.leave_out(
            benchmark,
            SKIPPED,
            f"{benchmark}: {len(texts)} record(s) marked skipped (their image failed when the request was "
            f"built) left out: {'; '.join(distinct[:3])}"
            + (f"; and {len(distinct) - 3} more" if len(distinct) > 3 else ""),
            records=len(texts),
        )
    return [entry for entry in entries if not entry[0].get("skipped")]


def _known_variants(entries: list[Entry], log: _Log) -> list[Entry]:
    known = set(VARIANTS)
    unknown = Counter((r["benchmark"], r["variant"]) for r, _ in entries if r["variant"] not in known)
    for (benchmark, variant), count in unknown.items():
        log.leave_out(
            benchmark,
            UNKNOWN_VARIANT,
            f"{benchmark}: unknown variant {variant!r} in {count} record(s), left out; "
            f"known variants: {', '.join(VARIANTS)}",
            records=count,
        )
    return [entry for entry in entries if entry[0]["variant"] in known]


def _answer(record: Record) -> str:
    return f"score {record['score']:g}, parsed {record.get('parsed')!r}, valid {record['valid']}"


def _first_of_each_key(entries: list[Entry], log: _Log) -> list[Entry]:
    """The first entry of each (benchmark, pair_id, variant); later ones are reported as duplicates,
    naming the item, or the conflict when the answer differs."""
    first: dict[tuple[str, str, str], Entry] = {}
    identical: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for record, location in entries:
        key = (record["benchmark"], record["pair_id"], record["variant"])
        kept = first.setdefault(key, (record, location))
        if kept[0] is record:
            continue
        if _answer(kept[0]) == _answer(record):
            identical[(key[0], key[2])].append(key[1])
            continue
        log.leave_out(
            key[0],
            CONFLICTING_DUPLICATE,
            f"{_where(record, location)}: conflicting duplicate of {key[0]} item {key[1]!r} {key[2]!r}: "
            f"the first record ({_where(*kept)}: {_answer(kept[0])}) is kept, this one "
            f"({_answer(record)}) is left out",
        )
    for (benchmark, variant), pair_ids in identical.items():
        log.leave_out(
            benchmark,
            DUPLICATE,
            f"{benchmark}: {len(pair_ids)} duplicate {variant!r} record(s) left out (the first record of "
            f"each item is kept): item {_items_text(pair_ids)}",
            records=len(pair_ids),
        )
    return list(first.values())


def screen_records(records: Iterable[Record], locations: Sequence[str | None] | None = None) -> Screening:
    """The records the tables may use, each validated (``locations[i]`` is where record i was read),
    and every problem met; see the module docstring for the order of the checks."""
    records = list(records)
    log = _Log()
    items_dropped = _expansion_problems(records, log)
    entries = _validated(zip(records, locations or [None] * len(records), strict=True), log)
    items_partial = _partial_items(entries, log)
    entries = _first_of_each_key(_known_variants(_without_skipped(entries, log), log), log)
    return Screening(
        records=[record for record, _ in entries],
        problems=log.problems(),
        records_read=len(records),
        left_out={benchmark: dict(reasons) for benchmark, reasons in log.left_out.items()},
        left_out_unnamed=dict(log.unnamed),
        items_dropped=items_dropped,
        items_partial=items_partial,
    )


def _source_text(value: Any) -> str | None:
    """A ``source`` field as text (None when missing or null)."""
    return None if value is None else str(value)


def source_summary(records: Iterable[Record]) -> list[dict[str, Any]]:
    """One entry per distinct (benchmark, *SOURCE_FIELDS) of the records that carry a ``source`` dict
    (sorted): those fields, the distinct files in the order met, the records, and how many of them the
    source scored (``scored_by: "source"``)."""
    counts: Counter[tuple[str | None, ...]] = Counter()
    source_scored: Counter[tuple[str | None, ...]] = Counter()
    files: defaultdict[tuple[str | None, ...], dict[str, None]] = defaultdict(dict)
    for record in records:
        source = record.get("source")
        if not isinstance(source, dict):
            continue
        key = (record["benchmark"], *(_source_text(source.get(name)) for name in SOURCE_FIELDS))
        counts[key] += 1
        source_scored[key] += record.get("scored_by") == "source"
        if (file := _source_text(source.get("file"))) is not None:
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
