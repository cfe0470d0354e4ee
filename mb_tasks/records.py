"""The per-sample record: what the tasks emit and what ``modbias report`` reads.

One record per (benchmark, item, variant). Field names are an interface (see DESIGN.md).
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

#: Every variant name, in the canonical order used for tables and reports.
VARIANTS: tuple[str, ...] = (
    "original",
    "no_image",
    "blank",
    "noise",
    "mismatch",
    "misleading_hint",
    "misleading_hint_no_image",
    "consistent_hint",
    "counterfactual",
)

#: Answer types and the scorer each one uses. ``relaxed`` is open-ended with ChartQA's relaxed
#: numeric accuracy (a 5% tolerance on numbers).
ANSWER_TYPES: tuple[str, ...] = ("mcq", "yesno", "open", "vqa", "relaxed")

#: Fields every record must carry.
REQUIRED_FIELDS: tuple[str, ...] = ("benchmark", "pair_id", "variant", "answer_type", "target")

#: Fields that scoring fills in (a foreign log may come without them).
SCORED_FIELDS: tuple[str, ...] = ("parsed", "score", "valid")


def record_key(record: Record) -> tuple[str, str, str]:
    """The identity of a record: (benchmark, pair_id, variant)."""
    return (str(record["benchmark"]), str(record["pair_id"]), str(record["variant"]))


def is_record(value: Any) -> bool:
    """True if ``value`` looks like a modbias record (used to find records inside lmms-eval logs)."""
    return isinstance(value, dict) and "benchmark" in value and "pair_id" in value and "variant" in value
