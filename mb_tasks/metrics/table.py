"""From per-sample records to one column-oriented table per benchmark.

Each benchmark becomes an :class:`ItemTable`: one row per item (``pair_id``), and per variant the
arrays the metric formulas read (present, score, valid, answer code, ...). Records are screened first
(:mod:`mb_tasks.metrics.screening`: validated, scored, one per key), then read field by field into
columns once; everything downstream is vectorized numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from mb_tasks.metrics.screening import Screening, screen_records
from mb_tasks.parsing import canonical_answer, chance_level, score_parsed
from mb_tasks.records import VARIANTS, Record

NO_ANSWER = -1

#: Variants whose records carry a hinted answer ``hint_answer``.
HINTED_VARIANTS = frozenset({"misleading_hint", "misleading_hint_no_image", "consistent_hint"})


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


@lru_cache(maxsize=65536)
def _follows_original_gold(parsed: str, target: object, answer_type: str, options: tuple) -> float:
    return score_parsed(parsed, list(target) if isinstance(target, tuple) else target, answer_type, options)


def _factorize(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` (None -> NO_ANSWER) and the distinct values, by first appearance."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _hint_answers(records: list[Record]) -> list[str | None]:
    return [
        None
        if record.get("hint_answer") is None
        else canonical_answer(str(record["hint_answer"]), record.get("answer_type") or "open")
        for record in records
    ]


def _prior_following(records: list[Record], parsed: list[object]) -> np.ndarray:
    """For counterfactual records: each answer scored against the original gold."""
    follows = np.zeros(len(records))
    for i, (record, answer) in enumerate(zip(records, parsed, strict=True)):
        if answer is not None:
            target = record["target"]
            follows[i] = _follows_original_gold(
                str(answer),
                tuple(target) if isinstance(target, list) else target,
                record.get("answer_type") or "open",
                tuple(record.get("options") or ()),
            )
    return follows


def _item_fields(
    sources: list[Record],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Chance, category, is-yes/no and cluster code of each item, from one record per item."""
    answer_types = [record.get("answer_type") or "open" for record in sources]
    chance = np.array(
        [
            record["chance"]
            if record.get("chance") is not None
            else chance_level(answer_type, record.get("options"))
            for record, answer_type in zip(sources, answer_types, strict=True)
        ],
        dtype=float,
    )
    is_yesno = np.array([answer_type == "yesno" for answer_type in answer_types], dtype=bool)
    category = np.array([record.get("category") for record in sources], dtype=object)
    cluster_names = [record.get("cluster") for record in sources]
    cluster = None
    if any(name is not None for name in cluster_names):
        # Items without a cluster are clusters of their own.
        cluster, _ = _factorize(
            [f"c:{name}" if name is not None else f"i:{row}" for row, name in enumerate(cluster_names)]
        )
    return chance, category, is_yesno, cluster


def _benchmark_table(benchmark: str, records: list[Record], problems: list[str]) -> ItemTable:
    rows, pair_ids = _factorize([record["pair_id"] for record in records])
    variant_of, variant_names = _factorize([record["variant"] for record in records])
    n_items, n_records = len(pair_ids), len(records)
    valid_all = np.array([record["valid"] for record in records], dtype=bool)
    score_all = np.where(valid_all, np.array([record["score"] for record in records], dtype=float), 0.0)
    parsed_all = [record.get("parsed") if ok else None for record, ok in zip(records, valid_all, strict=True)]
    parsed_all = [None if value is None else str(value) for value in parsed_all]
    hinted_positions = np.flatnonzero(np.isin(variant_names[variant_of], list(HINTED_VARIANTS)))
    hints = _hint_answers([records[p] for p in hinted_positions])
    # One codebook for answers and hints, so that a^k = h compares codes.
    codes, uniques = _factorize(parsed_all + hints)
    answer_all, hint_all = codes[:n_records], np.full(n_records, NO_ANSWER, dtype=np.int64)
    hint_all[hinted_positions] = codes[n_records:]
    yes_code = {value: code for code, value in enumerate(uniques)}.get("yes", NO_ANSWER - 1)

    columns: dict[str, VariantColumn] = {}
    records_per_variant: dict[str, int] = {}
    item_source = np.full(n_items, -1, dtype=np.int64)  # the record that gives each item's fields
    known = [name for name in VARIANTS if name in set(variant_names)]
    binary = True
    for variant in known:
        positions = np.flatnonzero(variant_of == list(variant_names).index(variant))
        records_per_variant[variant] = len(positions)
        item_rows = rows[positions]
        binary = binary and bool(np.isin(score_all[positions], (0.0, 1.0)).all())

        def spread(values: np.ndarray, fill: object, item_rows: np.ndarray = item_rows) -> np.ndarray:
            column = np.full(n_items, fill, dtype=values.dtype)
            column[item_rows] = values
            return column

        follows = (
            _prior_following([records[p] for p in positions], [parsed_all[p] for p in positions])
            if variant == "counterfactual"
            else np.zeros(len(positions))
        )
        columns[variant] = VariantColumn(
            present=spread(np.ones(len(positions), dtype=bool), False),
            score=spread(score_all[positions], 0.0),
            valid=spread(valid_all[positions], False),
            answer=spread(answer_all[positions], NO_ANSWER),
            hint=spread(hint_all[positions], NO_ANSWER),
            follows_target=spread(follows, 0.0),
            says_yes=spread(answer_all[positions] == yes_code, False),
        )
        unset = item_source[item_rows] < 0
        item_source[item_rows[unset]] = positions[unset]

    if "original" not in columns:
        problems.append(f"{benchmark}: no 'original' records, so no paired metric can be computed")
    chance, category, is_yesno, cluster = _item_fields([records[p] for p in item_source])
    return ItemTable(
        benchmark=benchmark,
        pair_ids=[str(pair_id) for pair_id in pair_ids],
        chance=chance,
        category=category,
        is_yesno=is_yesno,
        cluster=cluster,
        binary_scores=binary,
        columns=columns,
        records_per_variant=records_per_variant,
    )


def tables_of(screening: Screening) -> TableBuild:
    """One item table per benchmark of the screened records (sorted by benchmark)."""
    problems = list(screening.problems)
    by_benchmark: dict[str, list[Record]] = {}
    for record in screening.records:
        by_benchmark.setdefault(record["benchmark"], []).append(record)
    tables = {
        benchmark: _benchmark_table(benchmark, benchmark_records, problems)
        for benchmark, benchmark_records in sorted(by_benchmark.items())
    }
    return TableBuild(tables=tables, problems=problems, screening=screening)


def build_tables(records: Iterable[Record], locations: Sequence[str | None] | None = None) -> TableBuild:
    """Group records by benchmark into item tables, after :func:`screen_records` (which validates and
    scores them, and names and counts every record left out; ``locations[i]`` is where record i was
    read, for its problem lines)."""
    return tables_of(screen_records(records, locations))
