"""VLMs are Biased (anvo25/vlms-are-biased, split main): every image is a counterfactual of a
well-known subject (a four-striped Adidas logo, a five-legged dog), and ``expected_bias`` is the
answer the subject has in the real world. The item's gold is that prior answer and its only image the
``counterfactual`` (scored against ``ground_truth``), so ``prior_follow_rate`` is the share of answers
that follow the prior instead of the image and ``cf_acc`` is lmms-eval's accuracy. The counterfactual
request is the base task's request byte for byte; there is no ``original`` (no factual image)."""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, clustered_item
from mb_tasks.parsing import parse_yes_no


def _answer(value: Any) -> str:
    """An answer as the dataset writes it, without the curly brackets the prompt asks for."""
    return str(value).strip().strip("{}").strip()


@register
class VLMsAreBiasedAdapter(LmmsTaskAdapter):
    name = "vlms_are_biased"
    base_module = "vlms_are_biased.utils"
    base_doc_to_text = "vlms_are_biased_doc_to_text"
    base_doc_to_visual = "vlms_are_biased_doc_to_visual"
    default_variants = ("no_image", "counterfactual")
    # No factual image (no original) and the counterfactual row is the base task's request: the lite
    # twin runs the full set, no_image the blind baseline (prior_follow_rate, cf_acc).
    lite_variants = default_variants
    full_items = 2_784  # split main (dataset card of anvo25/vlms-are-biased: num_examples 2784)
    full_counterfactuals = 2_784  # every item's image is its counterfactual

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"vlms_are_biased_{doc.get('ID', index)}"
        truth, prior = _answer(doc["ground_truth"]), _answer(doc["expected_bias"])
        if not truth or not prior:
            raise ItemError(f"item {pair_id}: empty ground_truth or expected_bias")
        yes_no = parse_yes_no(truth) is not None and parse_yes_no(prior) is not None
        return clustered_item(
            pair_id,
            str(doc.get("topic") or "vlms_are_biased"),
            "yesno" if yes_no else "open",
            prior,
            doc["image"],
            cf_target=truth,
            cf_index=index,  # the counterfactual image is the item's own
        )
