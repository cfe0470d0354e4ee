"""Expansion: each base item becomes its variant rows, item-major, without decoding any image.

Rows are self-describing (:mod:`mb_tasks.lmms.rows`): the item's record fields, what the variant
needs (hint answer and text, mismatch donor row), where the base split lives and how many rows the
item has (``item_variants``); images are fetched and transformed lazily when a request is built. What
the expansion leaves out (items dropped, with their row and why, and task-level notes such as mismatch
not running) is logged and carried by the task's first row (``expansion_problems``), whose record
saves it: the first row is evaluated under any ``--limit``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import datasets
from loguru import logger

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError
from mb_tasks.lmms.base_data import base_files, open_base
from mb_tasks.lmms.items import ExpansionProblem, item_problem, read_items
from mb_tasks.lmms.rows import EXPANSION_PROBLEMS, ITEM_VARIANTS, ROW_FEATURES, item_columns
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.parsing.score import gold_answers
from mb_tasks.records import TEXT_ONLY_VARIANTS
from mb_tasks.suite.subset import seeded_subset
from mb_tasks.variants import mismatch_donors, pick_template, render_hint, wrong_answer

#: Variants whose request has no image, video or audio (unless the model's no_image policy substitutes
#: a gray image, for an image or video task).
NO_IMAGE_VARIANTS = frozenset({*TEXT_ONLY_VARIANTS.values(), "misleading_hint_no_image"})
#: Variants that show another item's image, clip or recording (the item's mismatch donor).
MISMATCH_VARIANTS = frozenset({"mismatch", "mismatch_video", "mismatch_audio"})
MISLEADING_VARIANTS = frozenset({"misleading_hint", "misleading_hint_no_image"})
HINT_VARIANTS = MISLEADING_VARIANTS | {"consistent_hint"}


@dataclass
class Expansion:
    """The expanded rows and what was left out (dropped items and task-level notes)."""

    rows: datasets.Dataset
    problems: list[ExpansionProblem] = field(default_factory=list)


def _gold(item: Item) -> str:
    """The item's most frequent gold in parsed form (what a consistent hint asserts)."""
    golds = gold_answers(item.target, item.answer_type, item.options)
    if not golds:
        raise ItemError(f"item {item.pair_id}: no gold answer in {item.target!r}")
    return Counter(golds).most_common(1)[0][0]


def _row_variants(item: Item, variants: tuple[str, ...], has_donor: bool) -> list[str]:
    """The item's variants: ``counterfactual`` only with a native one, a mismatch only with a donor."""
    return [
        variant
        for variant in variants
        if (variant != "counterfactual" or item.has_counterfactual)
        and (variant not in MISMATCH_VARIANTS or has_donor)
    ]


Hints = dict[str, tuple[str, int]]


def _hinted_items(
    items: list[tuple[int, Item]], settings: TaskSettings
) -> tuple[list[tuple[int, Item, Hints]], list[ExpansionProblem]]:
    """Each item with its misleading and consistent hint (answer, template), {} when the task runs no
    hint variant; an item no hint can be made for is dropped with its problem."""
    if not HINT_VARIANTS & set(settings.variants):
        return [(index, item, {}) for index, item in items], []
    golds_by_type: dict[str, list[Any]] = {}
    for _, item in items:
        golds_by_type.setdefault(item.answer_type, []).append(item.target)
    hinted: list[tuple[int, Item, Hints]] = []
    problems: list[ExpansionProblem] = []
    for index, item in items:
        seed_parts = (settings.benchmark, item.pair_id, settings.seed)
        try:
            template = pick_template(*seed_parts)
            golds = golds_by_type[item.answer_type]
            wrong = wrong_answer(item.answer_type, item.target, item.options, golds, *seed_parts)
            hinted.append(
                (index, item, {"misleading": (wrong, template), "consistent": (_gold(item), template)})
            )
        except (ItemError, ValueError) as error:
            problems.append(item_problem(settings.benchmark, index, error, item.pair_id))
    return hinted, problems


def _donor_positions(
    items: list[tuple[int, Item, Hints]], settings: TaskSettings
) -> tuple[list[int] | None, list[ExpansionProblem]]:
    """Each item's mismatch donor (its position in ``items``), or None when no mismatch variant runs:
    not asked for, or impossible because every item shows the same image or clip (then a task-level
    note says so)."""
    asked = [variant for variant in settings.variants if variant in MISMATCH_VARIANTS]
    if not asked:
        return None, []
    image_keys = [item.image_key for _, item, _ in items]
    distinct = len(set(image_keys))
    if distinct < 2:
        note = (
            f"{settings.benchmark}: {asked[0]} not run: the benchmark's {len(items)} item(s) show {distinct} "
            f"distinct image(s), and {asked[0]} needs at least two; its rows are left out"
        )
        return None, [ExpansionProblem(None, None, note)]
    categories = [item.category for _, item, _ in items]
    return mismatch_donors(categories, image_keys, settings.benchmark, settings.seed), []


def _rows(
    items: list[tuple[int, Item, Hints]],
    donors: list[int] | None,
    settings: TaskSettings,
    files: str,
    adapter: BenchmarkAdapter,
) -> dict[str, list[Any]]:
    """The columns of the items' variant rows, item-major (``expansion_problems`` left empty)."""
    task = {
        "benchmark": settings.benchmark,
        "seed": settings.seed,
        "video_frames": settings.video_frames,
        "base_files": files,
        "task_variants": json.dumps(list(settings.variants)),
        "task_has_yesno": any(item.answer_type == "yesno" for _, item, _ in items),
    }
    columns: dict[str, list[Any]] = {name: [] for name in ROW_FEATURES}
    for position, (index, item, hints) in enumerate(items):
        described = task | item_columns(item) | {"base_index": index}
        variants = _row_variants(item, settings.variants, has_donor=donors is not None)
        for variant in variants:
            hint = None
            if variant in HINT_VARIANTS:
                hint = hints["misleading" if variant in MISLEADING_VARIANTS else "consistent"]
            donor = items[donors[position]] if donors is not None and variant in MISMATCH_VARIANTS else None
            row = described | {
                "variant": variant,
                "donor_index": donor[0] if donor else None,
                "donor_id": donor[1].pair_id if donor else None,
                "hint_answer": hint[0] if hint else None,
                "hint_template": hint[1] if hint else None,
                "hint_text": render_hint(hint[1], adapter.answer_text(item, hint[0])) if hint else None,
                ITEM_VARIANTS: len(variants),
                EXPANSION_PROBLEMS: [],
            }
            for name, values in columns.items():
                values.append(row[name])
    return columns


def expand(dataset: datasets.Dataset, settings: TaskSettings, adapter: BenchmarkAdapter) -> Expansion:
    """The variant rows of every well-formed item of ``dataset``, item-major, deterministic; the first
    row carries what was left out (``expansion_problems``), which is also logged."""
    files = base_files(dataset)
    items, problems = read_items(open_base(files), adapter)
    items = seeded_subset(
        items,
        settings.benchmark,
        settings.seed,
        settings.max_items,
        whole_clusters=adapter.subset_whole_clusters,
    )
    hinted, hint_problems = _hinted_items(items, settings)
    problems += hint_problems
    if not hinted:
        raise ValueError(f"{settings.benchmark}: no usable item ({len(problems)} skipped)")
    donors, notes = _donor_positions(hinted, settings)
    problems += notes
    columns = _rows(hinted, donors, settings, files, adapter)
    columns[EXPANSION_PROBLEMS][0] = [problem.as_record() for problem in problems]
    for problem in problems:
        logger.warning(f"modbias: {problem.message}")
    return Expansion(datasets.Dataset.from_dict(columns, features=ROW_FEATURES), problems)
