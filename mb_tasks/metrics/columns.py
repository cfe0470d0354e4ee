"""Validated records as compact columns: what the screening, the tables and the source summary read
of each record, one typed array per field, every string or name kept once as an integer code.

A record's dict is not kept: a run of millions of records costs some 80 bytes per record here,
against several kilobytes as parsed dicts. Everything a metric reads that depends on more than one
field (the answer as text, the hinted answer in the answer's form, the answer scored against the
original gold for prior following, the chance score) is computed once, as the record is appended.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

import numpy as np

from mb_tasks.parsing import canonical_answer, chance_level, score_parsed
from mb_tasks.records import Record

NO_ANSWER = -1

#: Variants whose records carry a hinted answer ``hint_answer``.
HINTED_VARIANTS = frozenset({"misleading_hint", "misleading_hint_no_image", "consistent_hint"})

#: The fields of a record's ``source`` that tell one origin of records from another (with the benchmark).
SOURCE_FIELDS = ("format", "repo", "commit", "model")

#: Where a record was read: (file or other place, line number; 0 when the place is the whole text).
Location = tuple[str, int]


class Codes:
    """Distinct values in order of first appearance, each with its integer code."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[Hashable, int] = {}

    def code(self, value: Hashable) -> int:
        """The code of ``value``, a new one when it is first met."""
        code = self._index.get(value)
        if code is None:
            code = self._index[value] = len(self.values)
            self.values.append(value)
        return code

    def get(self, value: Hashable, default: int) -> int:
        """The code of ``value`` if it was met, else ``default``."""
        return self._index.get(value, default)


@lru_cache(maxsize=65536)
def follows_original_gold(parsed: str, target: object, answer_type: str, options: tuple) -> float:
    """The parsed answer scored against the original gold ``target`` (a tuple for several golds)."""
    return score_parsed(parsed, list(target) if isinstance(target, tuple) else target, answer_type, options)


@lru_cache(maxsize=65536)
def _hint_in_answer_form(hint: str, answer_type: str) -> str | None:
    return canonical_answer(hint, answer_type)


def _parsed_key(value: Any) -> Hashable:
    """``parsed`` as a dict key: a string or None as it is, anything else by its type and repr (so
    that 1, 1.0 and True, equal in a dict, stay apart)."""
    return value if value is None or type(value) is str else (type(value).__name__, repr(value))


def _source_text(value: Any) -> str | None:
    """A ``source`` field as text (None when missing or null)."""
    return None if value is None else str(value)


#: Where a record came from, as the source summary counts it: its SOURCE_FIELDS as text, its
#: source file as text, and whether the source's own label scored it (``scored_by: "source"``).
Origin = tuple[tuple[str | None, ...], str | None, bool]


def origin(record: Record) -> Origin | None:
    """The record's :data:`Origin`; None when it has no ``source`` dict."""
    source = record.get("source")
    if not isinstance(source, dict):
        return None
    key = tuple(_source_text(source.get(name)) for name in SOURCE_FIELDS)
    return key, _source_text(source.get("file")), record.get("scored_by") == "source"


def location_text(location: Location) -> str:
    """A :data:`Location` as text: "file:line", or the place alone when the line is 0."""
    place, line = location
    return f"{place}:{line}" if line else place


class RecordColumns:
    """Validated records, one entry per record in the order appended, as arrays and codes."""

    def __init__(self) -> None:
        self.benchmarks, self.pair_ids, self.variants = Codes(), Codes(), Codes()
        #: ``parsed`` values, and for each: its repr and the code of its text in ``answers`` (-1: None)
        self.parsed_values = Codes()
        self.parsed_reprs: list[str] = []
        self.parsed_answers = array("i")
        #: answers as text (parsed answers and hinted answers), compared by code
        self.answers = Codes()
        #: (is a yes/no question, category, cluster): what an item's table row takes from one record
        self.item_fields = Codes()
        self.item_variant_counts, self.skip_reasons = Codes(), Codes()
        self.origins, self.places = Codes(), Codes()
        self.benchmark, self.pair, self.variant = array("i"), array("i"), array("i")
        self.score, self.valid, self.parsed = array("d"), array("b"), array("i")
        self.hint, self.follows, self.chance = array("i"), array("d"), array("d")
        self.item, self.item_variants, self.skipped = array("i"), array("i"), array("i")
        self.origin, self.place, self.line = array("i"), array("i"), array("q")

    def __len__(self) -> int:
        return len(self.benchmark)

    def _parsed_code(self, value: Any) -> int:
        code = self.parsed_values.code(_parsed_key(value))
        if code == len(self.parsed_reprs):
            self.parsed_reprs.append(repr(value))
            self.parsed_answers.append(NO_ANSWER if value is None else self.answers.code(str(value)))
        return code

    def _hint_code(self, record: Record, answer_type: str) -> int:
        """The hinted answer's code in ``answers`` (in the answer's form), for a hinted variant."""
        hint = record.get("hint_answer")
        if hint is None or record["variant"] not in HINTED_VARIANTS:
            return NO_ANSWER
        text = _hint_in_answer_form(str(hint), answer_type)
        return NO_ANSWER if text is None else self.answers.code(text)

    def append(self, record: Record, location: Location | None) -> None:
        """Add a record that passed :func:`mb_tasks.metrics.validation.validate_record`."""
        answer_type = record.get("answer_type") or "open"
        valid, parsed, options = record["valid"], record.get("parsed"), record.get("options")
        follows = 0.0
        if record["variant"] == "counterfactual" and valid and parsed is not None:
            target = record["target"]
            follows = follows_original_gold(
                str(parsed),
                tuple(target) if isinstance(target, list) else target,
                answer_type,
                tuple(options or ()),
            )
        chance = record.get("chance")
        found, skipped = origin(record), record.get("skipped")
        self.benchmark.append(self.benchmarks.code(record["benchmark"]))
        self.pair.append(self.pair_ids.code(record["pair_id"]))
        self.variant.append(self.variants.code(record["variant"]))
        self.score.append(record["score"])
        self.valid.append(valid)
        self.parsed.append(self._parsed_code(parsed))
        self.hint.append(self._hint_code(record, answer_type))
        self.follows.append(follows)
        self.chance.append(chance if chance is not None else chance_level(answer_type, options))
        fields = (answer_type == "yesno", record.get("category"), record.get("cluster"))
        self.item.append(self.item_fields.code(fields))
        self.item_variants.append(self.item_variant_counts.code(record.get("item_variants") or 0))
        self.skipped.append(self.skip_reasons.code(str(skipped)) if skipped else -1)
        self.origin.append(-1 if found is None else self.origins.code(found))
        self.place.append(-1 if location is None else self.places.code(location[0]))
        self.line.append(0 if location is None else location[1])

    def array(self, name: str) -> np.ndarray:
        """The column ``name`` as a numpy array (a view, no copy)."""
        return np.asarray(getattr(self, name))

    def location(self, row: int) -> str | None:
        """Where record ``row`` was read ("file:line"), None when it was not given."""
        place = self.place[row]
        return None if place < 0 else location_text((self.places.values[place], self.line[row]))

    def answer_text(self, row: int) -> str:
        """Record ``row``'s answer as a duplicate's message shows it: score, parsed and valid."""
        valid = bool(self.valid[row])
        return f"score {self.score[row]:g}, parsed {self.parsed_reprs[self.parsed[row]]}, valid {valid}"

    def where(self, row: int) -> str:
        """Record ``row``'s ``file:line``, else its benchmark/pair_id/variant."""
        location = self.location(row)
        if location is not None:
            return location
        named = (
            ("benchmark", self.benchmarks.values[self.benchmark[row]]),
            ("pair_id", self.pair_ids.values[self.pair[row]]),
            ("variant", self.variants.values[self.variant[row]]),
        )
        return "record " + ", ".join(f"{key}={value!r:.60}" for key, value in named)
