"""From the records read to the records the tables use: every record left out is named and counted.

Records are screened as they are read (:class:`Screener`), so that a run's records are never all
held as dicts: each record's ``expansion_problems`` (items the tasks dropped at expansion) are
collected, and it is checked by :func:`mb_tasks.metrics.validation.validate_record` and kept as
compact columns (:mod:`mb_tasks.metrics.columns`). When all are in, items with fewer records than
the variants they were expanded into (``item_variants``) are named, and records marked ``skipped``,
of unknown variants, and duplicates of a (benchmark, pair_id, variant) key (the first is kept) are
left out (:mod:`mb_tasks.metrics.checks`). A problem names the record's ``file:line`` when the reader
gave its location.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from mb_tasks.metrics.checks import (
    EXPANSION,
    MAX_LINES_PER_REASON,
    ProblemLog,
    first_of_each_key,
    item_codes,
    known_variants,
    partial_items,
    without_skipped,
)
from mb_tasks.metrics.columns import Location, RecordColumns, location_text
from mb_tasks.metrics.validation import Fields, validate_record
from mb_tasks.records import Record

__all__ = ["MAX_LINES_PER_REASON", "Screener", "Screening", "screen_records"]


@dataclass
class Screening:
    """The records to use (rows of ``columns``), and what was left out or is missing, per benchmark."""

    columns: RecordColumns
    #: rows of ``columns`` the tables use, in the order the records were read
    kept: np.ndarray
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
    #: each row's validated record as a dict, when the screening kept them (:func:`screen_records`)
    validated: list[Record] | None = None

    @property
    def records(self) -> list[Record]:
        """The validated records the tables use, as dicts; only for a screening that kept them."""
        if self.validated is None:
            raise ValueError("this screening kept its records as columns only")
        return [self.validated[row] for row in self.kept]

    @property
    def records_left_out(self) -> int:
        """Every record read that no table uses."""
        named = sum(n for reasons in self.left_out.values() for n in reasons.values())
        return named + sum(self.left_out_unnamed.values())

    def record_keys(self) -> list[tuple[str, str, str]]:
        """(benchmark, pair_id, variant) of each record the tables use, in ``kept`` order."""
        columns = self.columns
        named = ((columns.benchmarks, "benchmark"), (columns.pair_ids, "pair"), (columns.variants, "variant"))
        parts = [
            np.asarray(codes.values, dtype=object)[columns.array(name)[self.kept]] for codes, name in named
        ]
        return list(zip(*parts, strict=True))

    def restricted(self, kept: np.ndarray) -> Screening:
        """The same screening with the tables using only the rows ``kept``."""
        return dataclasses.replace(self, kept=kept)


def _where(record: Fields, location: Location | None) -> str:
    """The record's ``file:line``, else its benchmark/pair_id/variant."""
    if location is not None:
        return location_text(location)
    return "record " + ", ".join(
        f"{key}={record.get(key)!r:.60}" for key in ("benchmark", "pair_id", "variant")
    )


class Screener:
    """Screens records one at a time as they are read (:meth:`add`), then all together (:meth:`finish`)."""

    def __init__(self, *, keep_records: bool = False) -> None:
        self.columns = RecordColumns()
        self.records_read = 0
        self._validated: list[Record] | None = [] if keep_records else None
        self._expansions, self._log = ProblemLog(), ProblemLog()
        self._expansions_seen: set[tuple[str, str, str, str]] = set()
        self._dropped: Counter[str] = Counter()

    def _note_expansion_problems(self, record: Fields) -> None:
        """Note each ``expansion_problems`` message once per benchmark; count the items dropped."""
        entries = record["expansion_problems"]
        benchmark = record.get("benchmark")
        benchmark = benchmark if isinstance(benchmark, str) else ""  # a bad name is left out and named later
        for entry in entries if isinstance(entries, list) else [entries]:
            item, row, message = (
                (entry.get("item"), entry.get("row"), entry.get("message"))
                if isinstance(entry, dict)
                else (None, None, entry)
            )
            key = (benchmark, repr(item), repr(row), str(message))
            if key not in self._expansions_seen:
                self._expansions_seen.add(key)
                if item is not None and benchmark:
                    self._dropped[benchmark] += 1
                self._expansions.note(EXPANSION, str(message))

    def add(self, record: Fields, location: Location | None = None) -> None:
        """Screen one record as read (``location``: where, for its problem lines)."""
        self.records_read += 1
        if record.get("expansion_problems"):
            self._note_expansion_problems(record)
        checked, rejection = validate_record(record)
        if checked is None:
            line = f"{_where(record, location)}: {rejection.detail}; record left out"
            self._log.leave_out(record.get("benchmark"), rejection.reason, line)
            return
        self.columns.append(checked, location)
        if self._validated is not None:
            self._validated.append(checked)

    def finish(self) -> Screening:
        """The screening of every record added; see the module docstring for the order of the checks."""
        columns, log = self.columns, self._log
        items = item_codes(columns)
        items_partial = partial_items(columns, items, log)
        rows = first_of_each_key(
            columns, items, known_variants(columns, without_skipped(columns, log), log), log
        )
        logs = (self._expansions, log)
        return Screening(
            columns=columns,
            kept=rows,
            problems=[line for one in logs for line in one.lines]
            + [line for one in logs for line in one.unlisted()],
            records_read=self.records_read,
            left_out={benchmark: dict(reasons) for benchmark, reasons in log.left_out.items()},
            left_out_unnamed=dict(log.unnamed),
            items_dropped=dict(self._dropped),
            items_partial=items_partial,
            validated=self._validated,
        )


def screen_records(
    records: Iterable[Record], locations: Sequence[str | None] | None = None, *, keep_records: bool = True
) -> Screening:
    """The records the tables may use, each validated (and kept as a dict too with ``keep_records``;
    ``locations[i]`` is where record i was read), and every problem met; see the module docstring for
    the order of the checks."""
    records = list(records)
    screener = Screener(keep_records=keep_records)
    for record, location in zip(records, locations or [None] * len(records), strict=True):
        screener.add(record, None if location is None else (location, 0))
    return screener.finish()
