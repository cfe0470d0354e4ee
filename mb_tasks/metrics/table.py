"""From per-sample records to one column-oriented table per benchmark.

Each benchmark becomes an :class:`ItemTable`: one row per item (``pair_id``), and per variant the
arrays the metric formulas read (present, score, valid, answer code, ...). Records are read field by
field into columns once; everything downstream is vectorized numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from mb_tasks.parsing import canonical_answer, chance_level, score_parsed, score_record
from mb_tasks.records import VARIANTS, Record

NO_ANSWER = -1

#: Variants whose records carry a hinted answer ``hint_answer``.
HINTED_VARIANTS = frozenset({"misleading_hint", "misleading_hint_no_image", "consistent_hint"})

#: Fields a record needs to be used as it is (others are scored first).
_READY_FIELDS = frozenset({"benchmark", "pair_id", "variant", "score", "valid"})


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
    """The tables and every problem met while building them (reported, never silently dropped)."""

    tables: dict[str, ItemTable]
    problems: list[str]


@lru_cache(maxsize=65536)
def _follows_original_gold(parsed: str, target: object, answer_type: str, options: tuple) -> float:
    return score_parsed(parsed, list(target) if isinstance(target, tuple) else target, answer_type, options)


def _factorize(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` (None -> NO_ANSWER) and the distinct values, by first appearance."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _first_per_item(item_rows: np.ndarray) -> np.ndarray:
    """Positions of the first record of each item among ``item_rows`` (later duplicates dropped)."""
    _, first = np.unique(item_rows, return_index=True)
    return np.sort(first)


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
            float(record["chance"])
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
    rows, pair_ids = _factorize([str(record["pair_id"]) for record in records])
    variant_of, variant_names = _factorize([record["variant"] for record in records])
    n_items, n_records = len(pair_ids), len(records)
    valid_all = np.array([bool(record["valid"]) for record in records], dtype=bool)
    score_all = np.where(
        valid_all, np.nan_to_num(np.array([record["score"] for record in records], dtype=float)), 0.0
    )
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
        first = positions[_first_per_item(rows[positions])]
        if len(first) < len(positions):
            problems.append(
                f"{benchmark}: {len(positions) - len(first)} duplicate {variant!r} record(s) left out "
                "(the first record of each item is kept)"
            )
        records_per_variant[variant] = len(first)
        item_rows = rows[first]
        binary = binary and bool(np.isin(score_all[first], (0.0, 1.0)).all())

        def spread(values: np.ndarray, fill: object, item_rows: np.ndarray = item_rows) -> np.ndarray:
            column = np.full(n_items, fill, dtype=values.dtype)
            column[item_rows] = values
            return column

        follows = (
            _prior_following([records[p] for p in first], [parsed_all[p] for p in first])
            if variant == "counterfactual"
            else np.zeros(len(first))
        )
        columns[variant] = VariantColumn(
            present=spread(np.ones(len(first), dtype=bool), False),
            score=spread(score_all[first], 0.0),
            valid=spread(valid_all[first], False),
            answer=spread(answer_all[first], NO_ANSWER),
            hint=spread(hint_all[first], NO_ANSWER),
            follows_target=spread(follows, 0.0),
            says_yes=spread(answer_all[first] == yes_code, False),
        )
        unset = item_source[item_rows] < 0
        item_source[item_rows[unset]] = first[unset]

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


def _usable(record: Record, problems: list[str]) -> Record | None:
    """The record scored if it comes without score/valid (a foreign log), or None if unusable."""
    if any(record.get(name) is None for name in ("benchmark", "pair_id", "variant")):
        problems.append(f"record without benchmark/pair_id/variant left out: {str(record)[:160]}")
        return None
    try:
        return score_record(record)
    except (KeyError, TypeError, ValueError) as error:
        name = {k: record.get(k) for k in ("benchmark", "pair_id", "variant")}
        problems.append(f"record {name} cannot be scored ({type(error).__name__}: {error}); left out")
        return None


def build_tables(records: Iterable[Record]) -> TableBuild:
    """Group records by benchmark into item tables.

    Records missing ``score``/``valid`` are parsed and scored with the tasks' own functions.
    Duplicate (benchmark, pair_id, variant) records keep the first; records marked ``skipped`` (an
    image that failed at request time), of unknown variants, or missing benchmark/pair_id/variant
    are reported and left out.
    """
    problems: list[str] = []
    records = list(records)
    ready = [record.keys() >= _READY_FIELDS for record in records]
    if not all(ready):
        records = [
            record if ok else _usable(record, problems) for record, ok in zip(records, ready, strict=True)
        ]
        records = [record for record in records if record is not None]
    skipped = [record for record in records if record.get("skipped")]
    if skipped:
        reasons = sorted({str(record["skipped"]) for record in skipped})
        problems.append(
            f"{len(skipped)} record(s) marked skipped (their image failed when the request was built) "
            f"left out: {'; '.join(reasons[:3])}"
            + (f"; and {len(reasons) - 3} more" if len(reasons) > 3 else "")
        )
        records = [record for record in records if not record.get("skipped")]
    known = set(VARIANTS)
    unknown: dict[tuple[str, str], int] = {}
    for record in records:
        if record["variant"] not in known:
            key = (str(record["benchmark"]), str(record["variant"]))
            unknown[key] = unknown.get(key, 0) + 1
    for (benchmark, variant), count in unknown.items():
        problems.append(
            f"{benchmark}: unknown variant {variant!r} in {count} record(s), left out; "
            f"known variants: {', '.join(VARIANTS)}"
        )
    if unknown:
        records = [record for record in records if record["variant"] in known]
    benchmark_of, benchmark_names = _factorize([record["benchmark"] for record in records])
    by_benchmark = {
        str(name): [records[p] for p in np.flatnonzero(benchmark_of == code)]
        for code, name in enumerate(benchmark_names)
    }
    tables = {
        benchmark: _benchmark_table(benchmark, benchmark_records, problems)
        for benchmark, benchmark_records in sorted(by_benchmark.items())
    }
    return TableBuild(tables=tables, problems=problems)
