"""The value of each metric key in ``process_results``: the string "record" carrying the row's record.

lmms-eval writes every value ``process_results`` returns into each sample log line, so handing the
record dict to each of ~50 metric keys would repeat it ~50 times per line. The record is returned
once, under ``record`` (what ``modbias report`` reads), and each metric key gets a :class:`SharedRecord`:
a ``str`` whose text is "record" (what JSON writes for it, and what the log shows) and which carries
the record for the aggregations. Being a string and no number or dict, lmms-eval computes no
per-sample standard error over it.
"""

from __future__ import annotations

from mb_tasks.records import Record

#: The process_results key holding the record itself (not a metric: it has no aggregation).
RECORD_KEY = "record"


class SharedRecord(str):
    """The string "record", carrying the row's record (``.record``) for the aggregations."""

    record: Record

    def __new__(cls, record: Record) -> SharedRecord:
        shared = super().__new__(cls, RECORD_KEY)
        shared.record = record
        return shared

    def __reduce__(self) -> tuple[type, tuple[Record]]:
        return (SharedRecord, (self.record,))
