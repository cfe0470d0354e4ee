"""From per-sample records to one column-oriented table per benchmark.

Each benchmark becomes an :class:`ItemTable`: one row per item (``pair_id``), and per variant the
arrays the metric formulas read (present, score, valid, answer code, ...). Records are screened first
(:mod:`mb_tasks.metrics.screening`: validated, scored, one per key, kept as the compact columns of
:mod:`mb_tasks.metrics.columns`); the tables are cut from those columns, and everything downstream is
vectorized numpy. Answer codes are only compared with each other (a^k = a^j, a^k = h).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mb_tasks.metrics.columns import NO_ANSWER, RecordColumns
from mb_tasks.metrics.screening import Screening, screen_records
from mb_tasks.records import ALL_VARIANTS, Record

__all__ = ["NO_ANSWER", "ItemTable", "TableBuild", "VariantColumn", "build_tables", "tables_of"]


@dataclass(frozen=True)
class VariantColumn:
    """One variant's answers, aligned with the table's items (absent items hold neutral values)."""

    present: np.ndarray  # bool: the item has a record for this variant
    score: np.ndarray  # float 0..1; 0 where absent or invalid
    valid: np.ndarray  # bool: present and a valid (non-empty, non-refused, parseable) answer
    answer: np.ndarray  # int code of the parsed answer; NO_ANSWER where none
    hint: np.ndarray  # int code of the hinted answer h; NO_ANSWER where none
    follows_target: np.ndarray  # float: the answer scored against the original gold (prior following)
    says_yes: np.ndarray  # bool: the parsed answer is "yes"


@dataclass(frozen=True)
class ItemTable:
    """All records of one benchmark, as arrays over its items."""

    benchmark: str
    pair_ids: list[str]
    chance: np.ndarray  # float: chance score of each item
    category: np.ndarray  # object: each item's category (None where the records name none)
    is_yesno: np.ndarray  # bool: the item is a yes/no question
    cluster: np.ndarray | None  # int cluster code of each item; None when no record names a cluster
    binary_scores: bool  # every score is 0 or 1 (McNemar applies)
    columns: dict[str, VariantColumn]
    records_per_variant: dict[str, int] = field(default_factory=dict)

    @property
    def n_items(self) -> int:
        return len(self.pair_ids)

    def has(self, *variants: str) -> bool:
        return all(variant in self.columns for variant in variants)


@dataclass
class TableBuild:
    """The tables, every problem met while building them (reported, never silently dropped), and
    the screening that chose their records (what was left out, per benchmark)."""

    tables: dict[str, ItemTable]
    problems: list[str]
    screening: Screening


def _factorize(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` (None -> NO_ANSWER) and the distinct values, by first appearance."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _item_fields(
    columns: RecordColumns, sources: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Chance, category, is-yes/no and cluster code of each item, from one record (row) per item."""
    fields = [columns.item_fields.values[code] for code in columns.array("item")[sources]]
    chance = columns.array("chance")[sources].astype(float)
    is_yesno = np.array([yesno for yesno, _, _ in fields], dtype=bool)
    category = np.array([category for _, category, _ in fields], dtype=object)
    cluster_names = [cluster for _, _, cluster in fields]
    cluster = None
    if any(name is not None for name in cluster_names):
        # Items without a cluster are clusters of their own.
        cluster, _ = _factorize(
            [f"c:{name}" if name is not None else f"i:{row}" for row, name in enumerate(cluster_names)]
        )
    return chance, category, is_yesno, cluster


def _benchmark_table(
    benchmark: str, columns: RecordColumns, rows: np.ndarray, problems: list[str]
) -> ItemTable:
    """The item table of a benchmark's records, ``rows`` of ``columns`` in the order read."""
    item_of, pair_codes = pd.factorize(columns.array("pair")[rows])
    variant_of = columns.array("variant")[rows]
    n_items = len(pair_codes)
    valid_all = columns.array("valid")[rows].astype(bool)
    score_all = np.where(valid_all, columns.array("score")[rows], 0.0)
    parsed_answers = np.asarray(columns.parsed_answers, dtype=np.int64)
    answer_all = np.where(valid_all, parsed_answers[columns.array("parsed")[rows]], NO_ANSWER)
    hint_all = columns.array("hint")[rows].astype(np.int64)
    follows_all = columns.array("follows")[rows]
    yes_code = columns.answers.get("yes", NO_ANSWER - 1)

    columns_of: dict[str, VariantColumn] = {}
    records_per_variant: dict[str, int] = {}
    item_source = np.full(n_items, -1, dtype=np.int64)  # the record that gives each item's fields
    binary = True
    for variant in ALL_VARIANTS:
        code = columns.variants.get(variant, -1)
        positions = np.flatnonzero(variant_of == code)
        if code < 0 or not len(positions):
            continue
        records_per_variant[variant] = len(positions)
        item_rows = item_of[positions]
        binary = binary and bool(np.isin(score_all[positions], (0.0, 1.0)).all())

        def spread(values: np.ndarray, fill: object, item_rows: np.ndarray = item_rows) -> np.ndarray:
            column = np.full(n_items, fill, dtype=values.dtype)
            column[item_rows] = values
            return column

        columns_of[variant] = VariantColumn(
            present=spread(np.ones(len(positions), dtype=bool), False),
            score=spread(score_all[positions], 0.0),
            valid=spread(valid_all[positions], False),
            answer=spread(answer_all[positions], NO_ANSWER),
            hint=spread(hint_all[positions], NO_ANSWER),
            follows_target=spread(follows_all[positions], 0.0),
            says_yes=spread(answer_all[positions] == yes_code, False),
        )
        unset = item_source[item_rows] < 0
        item_source[item_rows[unset]] = rows[positions[unset]]

    if "original" not in columns_of:
        problems.append(f"{benchmark}: no 'original' records, so no paired metric can be computed")
    chance, category, is_yesno, cluster = _item_fields(columns, item_source)
    return ItemTable(
        benchmark=benchmark,
        pair_ids=[columns.pair_ids.values[code] for code in pair_codes],
        chance=chance,
        category=category,
        is_yesno=is_yesno,
        cluster=cluster,
        binary_scores=binary,
        columns=columns_of,
        records_per_variant=records_per_variant,
    )


def tables_of(screening: Screening) -> TableBuild:
    """One item table per benchmark of the screened records (sorted by benchmark)."""
    problems = list(screening.problems)
    columns, kept = screening.columns, screening.kept
    benchmark_of = columns.array("benchmark")[kept]
    names = sorted((columns.benchmarks.values[code], code) for code in np.unique(benchmark_of))
    tables = {
        benchmark: _benchmark_table(benchmark, columns, kept[benchmark_of == code], problems)
        for benchmark, code in names
    }
    return TableBuild(tables=tables, problems=problems, screening=screening)


def build_tables(records: Iterable[Record], locations: Sequence[str | None] | None = None) -> TableBuild:
    """Group records by benchmark into item tables, after :func:`screen_records` (which validates and
    scores them, and names and counts every record left out; ``locations[i]`` is where record i was
    read, for its problem lines)."""
    return tables_of(screen_records(records, locations))
