"""The per-sample record: what the tasks emit and what ``modbias report`` reads.

One record per (benchmark, item, variant). Field names are an interface (see DESIGN.md); the fields a
record needs and their types are checked in one place, :func:`mb_tasks.metrics.validation.validate_record`.

Beyond DESIGN.md's fields, the tasks write:

- ``item_variants`` (int, every record): how many variant rows the item was expanded into; the report
  names an item with fewer records as partial (a ``--limit`` that cut it).
- ``expansion_problems`` (the record of the task's first row only, when the expansion left something
  out): ``[{"item": str | None, "row": int | None, "message": str}]``; an entry with an ``item`` is a
  base item dropped at expansion, one without is a task-level note (a variant not run).
- ``skipped`` (str): why the record's image failed when the request was built; left out of metrics.

Scoring adds ``invalid_reason`` (why an answer is invalid, None when it is valid), and the importers
(``modbias import``) write ``source`` (where the answer came from: format, repository, commit, file,
row, model), ``scored_by: "source"`` when the source's own correctness label gave the score, and
``response_chars`` (the length of a response they shortened). :class:`Record` lists every field.
"""

from __future__ import annotations

from typing import Any, TypedDict


class RecordIdentity(TypedDict):
    """The fields every record has: which benchmark, item and variant it answers."""

    benchmark: str
    pair_id: str
    variant: str


class Record(RecordIdentity, total=False):
    """One record. The fields after the identity are there where the task, the variant or the importer
    gives them (a foreign record may lack ``parsed``, ``score`` and ``valid``). A type for reading code
    only: records are plain dicts, and :func:`mb_tasks.metrics.validation.validate_record` checks any
    dict's fields and types before a table reads them."""

    category: str | None
    cluster: str | None
    answer_type: str
    target: Any  # the gold, or a list of golds
    options: list[str] | None
    response: str
    parsed: str | None
    score: float
    valid: bool
    invalid_reason: str | None
    chance: float
    hint_answer: str | None
    hint_template: int | str | None
    cf_target: Any
    blind_mode: str | None
    item_variants: int
    expansion_problems: list[dict[str, Any]]
    skipped: str
    source: dict[str, Any]
    scored_by: str
    response_chars: int


#: The image variants (DESIGN.md's table), in the canonical order used for tables and reports.
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

#: The video variants (DESIGN.md, "Video and audio"), in canonical order.
VIDEO_VARIANTS: tuple[str, ...] = (
    "no_video",
    "single_frame",
    "shuffled_frames",
    "reversed_frames",
    "frozen_video",
    "mismatch_video",
)

#: The audio variants (DESIGN.md, "Video and audio"), in canonical order.
AUDIO_VARIANTS: tuple[str, ...] = ("no_audio", "silence", "noise_audio", "mismatch_audio")

#: The variants every modality runs as DESIGN.md defines them: the hints and the native counterfactual.
SHARED_VARIANTS: tuple[str, ...] = (
    "misleading_hint",
    "misleading_hint_no_image",
    "consistent_hint",
    "counterfactual",
)

#: modality -> the variants a task of that modality can run, in canonical order (the one place that
#: says so; an adapter's ``modality`` picks its entry).
MODALITY_VARIANTS: dict[str, tuple[str, ...]] = {
    "image": VARIANTS,
    "video": ("original", *VIDEO_VARIANTS, *SHARED_VARIANTS),
    "audio": ("original", *AUDIO_VARIANTS, *SHARED_VARIANTS),
}

#: modality -> its variant without the medium (the question alone), which the leak canary watches.
TEXT_ONLY_VARIANTS: dict[str, str] = {"image": "no_image", "video": "no_video", "audio": "no_audio"}

#: Every variant name of every modality, in canonical order (original, each modality's own variants,
#: the shared ones): what tables, validation and the metric catalogue accept.
ALL_VARIANTS: tuple[str, ...] = (
    "original",
    *(
        variant
        for variants in MODALITY_VARIANTS.values()
        for variant in variants
        if variant != "original" and variant not in SHARED_VARIANTS
    ),
    *SHARED_VARIANTS,
)

#: Answer types and the scorer each one uses. ``relaxed`` is open-ended with ChartQA's relaxed
#: numeric accuracy (a 5% tolerance on numbers).
ANSWER_TYPES: tuple[str, ...] = ("mcq", "yesno", "open", "vqa", "relaxed")


def record_key(record: Record) -> tuple[str, str, str]:
    """The identity of a record: (benchmark, pair_id, variant)."""
    return (str(record["benchmark"]), str(record["pair_id"]), str(record["variant"]))


def is_record(value: Any) -> bool:
    """True if ``value`` looks like a modbias record (used to find records inside lmms-eval logs)."""
    return isinstance(value, dict) and "benchmark" in value and "pair_id" in value and "variant" in value
