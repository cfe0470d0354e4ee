"""The modbias_vlind adapter: one item per probe row (see :mod:`probes`), True/False read as yes/no.

ck, vp and cb probes run on their own image (``original``). An lp probe's ``original`` is the factual
image, where the statement's truth flips, and its native ``counterfactual`` the counterfactual image:
``prior_follow_rate`` is then the share of counterfactual answers that follow common sense. Probes of
one instance share images: clustered by instance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from PIL import Image

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.vlind.pipeline import pipeline_statistics
from mb_tasks.benchmarks.vlind.probes import FALSE, TESTS, TRUE, probe_id, probe_prompt
from mb_tasks.metrics.definitions import Statistic
from mb_tasks.metrics.table import ItemTable
from mb_tasks.variants.images import open_item_image

_YES_NO = {TRUE: "yes", FALSE: "no"}


@register
class VLindAdapter(BenchmarkAdapter):
    name = "vlind"
    default_variants = ("original", "counterfactual")
    subset_whole_clusters = True  # the pipeline scores count complete instances only
    # VLind-Bench's own protocol: its pipeline scores need exactly original and counterfactual
    # (no_image and misleading_hint are not part of it), so the lite twin runs its full set.
    lite_variants = default_variants
    # Probe rows, derived and unverified: 302 instances (factual images) and 421 counterfactual
    # images (the MM-Hallu/VLind-Bench mirror's card: 723 images); ck, vp, cb ask 2 statements per
    # instance, lp 2 per counterfactual image (assumed all "good"): 3 x 2 x 302 + 2 x 421.
    full_items: ClassVar[int] = 2_654
    full_counterfactuals: ClassVar[int] = 842  # the lp probes

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = probe_id(doc["instance_id"], doc["test"], doc["image_id"], doc["statement_index"])
        if doc["test"] not in TESTS or doc["answer"] not in _YES_NO:
            raise ItemError(f"item {pair_id}: test {doc['test']!r} / answer {doc['answer']!r}")
        answer = _YES_NO[doc["answer"]]
        is_lp = doc["test"] == "lp"
        if is_lp and not doc.get("cf_image"):
            raise ItemError(f"item {pair_id}: language-prior probe without a counterfactual image")
        return Item(
            pair_id=pair_id,
            category=doc["test"],
            answer_type="yesno",
            target=("no" if answer == "yes" else "yes") if is_lp else answer,
            image_key=encoded_image_key(doc["image"]),
            cluster=f"vlind_{doc['instance_id']}",
            cf_target=answer if is_lp else None,
        )

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        return probe_prompt(doc["test"], doc["statement"], doc["context"])

    def counterfactual_visual(
        self, doc: dict[str, Any], item: Item, base_row: Callable[[int], dict[str, Any]]
    ) -> list[Image.Image]:
        return [open_item_image(doc["cf_image"], item.pair_id)]

    def answer_text(self, item: Item, answer: str) -> str:
        return TRUE if answer == "yes" else FALSE

    def statistics(self, table: ItemTable) -> Iterable[tuple[str, Statistic]]:
        return pipeline_statistics(table)
