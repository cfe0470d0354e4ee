"""Expansion: each base item becomes its variant rows, item-major, without decoding any image.

Rows hold what the variant needs (hint answer and text, mismatch donor row, no_image policy) and a
pointer to the base row; images are fetched and transformed lazily by ``doc_to_visual``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import datasets
from loguru import logger

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.sources import register_source
from mb_tasks.lmms.validation import check_item_images
from mb_tasks.parsing.score import gold_answers
from mb_tasks.suite.subset import seeded_subset
from mb_tasks.variants import mismatch_donors, pick_template, render_hint, wrong_answer
from mb_tasks.variants.images import ItemImageError

#: Variants whose request has no image (unless the model's no_image policy substitutes a gray one).
NO_IMAGE_VARIANTS = frozenset({"no_image", "misleading_hint_no_image"})
MISLEADING_VARIANTS = frozenset({"misleading_hint", "misleading_hint_no_image"})
HINT_VARIANTS = MISLEADING_VARIANTS | {"consistent_hint"}

#: Rows are read from the base dataset in batches of this many documents.
_BATCH = 256


@dataclass
class Expansion:
    """The expanded rows and the items that were skipped, with the reason naming each."""

    rows: datasets.Dataset
    problems: list[str] = field(default_factory=list)
    answer_types: frozenset[str] = frozenset()


def _documents(view: datasets.Dataset) -> Iterator[tuple[int, dict[str, Any]]]:
    index = 0
    for batch in view.iter(batch_size=_BATCH):
        columns = list(batch)
        for values in zip(*(batch[name] for name in columns), strict=True):
            yield index, dict(zip(columns, values, strict=True))
            index += 1


def read_items(view: datasets.Dataset, adapter: BenchmarkAdapter) -> tuple[list[tuple[int, Item]], list[str]]:
    """(base row, item) of every well-formed document and a problem line for every other one."""
    items: list[tuple[int, Item]] = []
    problems: list[str] = []
    adapter.prepare(view)
    for index, doc in _documents(view):
        if not adapter.selects(doc):
            continue
        try:
            item = adapter.item(doc, index)
            check_item_images(doc, adapter.image_columns, item.pair_id)
        except (ItemError, ItemImageError) as error:
            problems.append(f"{adapter.name}: row {index}: {error}; item skipped")
            continue
        items.append((index, item))
    return items, problems


def _gold(item: Item) -> str:
    """The item's most frequent gold in parsed form (what a consistent hint asserts)."""
    golds = gold_answers(item.target, item.answer_type, item.options)
    if not golds:
        raise ItemError(f"item {item.pair_id}: no gold answer in {item.target!r}")
    return Counter(golds).most_common(1)[0][0]


def _row_variants(item: Item, variants: tuple[str, ...]) -> list[str]:
    return [v for v in variants if v != "counterfactual" or item.has_counterfactual]


def expand(dataset: datasets.Dataset, settings: TaskSettings, adapter: BenchmarkAdapter) -> Expansion:
    """The variant rows of every well-formed item of ``dataset``, item-major, deterministic."""
    key, source = register_source(settings.benchmark, dataset, settings.seed)
    items, problems = read_items(source.encoded, adapter)
    items = seeded_subset(
        items,
        settings.benchmark,
        settings.seed,
        settings.max_items,
        whole_clusters=adapter.subset_whole_clusters,
    )
    if not items:
        raise ValueError(f"{settings.benchmark}: no usable item ({len(problems)} skipped)")
    donors: list[int] | None = None
    if "mismatch" in settings.variants:
        donors = mismatch_donors(
            [item.category for _, item in items],
            [item.image_key for _, item in items],
            settings.benchmark,
            settings.seed,
        )
    golds_by_type: dict[str, list[Any]] = {}
    for _, item in items:
        golds_by_type.setdefault(item.answer_type, []).append(item.target)

    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "benchmark", "pair_id", "variant", "seed", "base_key", "base_index", "donor_index",
            "hint_answer", "hint_template", "hint_text", "blind_mode",
        )
    }  # fmt: skip
    for position, (index, item) in enumerate(items):
        seed_parts = (settings.benchmark, item.pair_id, settings.seed)
        try:
            hints = {}
            if HINT_VARIANTS & set(settings.variants):
                template = pick_template(*seed_parts)
                wrong = wrong_answer(
                    item.answer_type, item.target, item.options, golds_by_type[item.answer_type], *seed_parts
                )
                hints = {"misleading": (wrong, template), "consistent": (_gold(item), template)}
        except (ItemError, ValueError) as error:
            problems.append(f"{settings.benchmark}: row {index}: {error}; item skipped")
            continue
        source.items[index] = item
        for variant in _row_variants(item, settings.variants):
            hint = None
            if variant in HINT_VARIANTS:
                hint = hints["misleading" if variant in MISLEADING_VARIANTS else "consistent"]
            columns["benchmark"].append(settings.benchmark)
            columns["pair_id"].append(item.pair_id)
            columns["seed"].append(settings.seed)
            columns["variant"].append(variant)
            columns["base_key"].append(key)
            columns["base_index"].append(index)
            columns["donor_index"].append(
                items[donors[position]][0] if donors is not None and variant == "mismatch" else -1
            )
            columns["hint_answer"].append(hint[0] if hint else None)
            columns["hint_template"].append(hint[1] if hint else None)
            columns["hint_text"].append(
                render_hint(hint[1], adapter.answer_text(item, hint[0])) if hint else None
            )
            columns["blind_mode"].append(settings.blind_mode if variant in NO_IMAGE_VARIANTS else None)
    features = datasets.Features(
        {
            "benchmark": datasets.Value("string"),
            "pair_id": datasets.Value("string"),
            "variant": datasets.Value("string"),
            "seed": datasets.Value("int64"),
            "base_key": datasets.Value("string"),
            "base_index": datasets.Value("int64"),
            "donor_index": datasets.Value("int64"),
            "hint_answer": datasets.Value("string"),
            "hint_template": datasets.Value("int64"),
            "hint_text": datasets.Value("string"),
            "blind_mode": datasets.Value("string"),
        }
    )
    for problem in problems:
        logger.warning(f"modbias: {problem}")
    return Expansion(
        datasets.Dataset.from_dict(columns, features=features),
        problems,
        frozenset(item.answer_type for _, item in items),
    )
