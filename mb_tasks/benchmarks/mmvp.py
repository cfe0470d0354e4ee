"""MMVP (lmms-lab-eval/MMVP, split train, 300 items): 150 pairs of images that CLIP sees alike, asked
the same two-way question with opposite answers. Rows ``Index`` 2k+1 and 2k+2 (1-based) form a pair,
so each item's native ``counterfactual`` is its partner's image, scored against the partner's gold
(only where the partner asks the same question with the same options and a different answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mb_tasks.benchmarks.base import DEFAULT_VARIANTS, Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, base_utils
from mb_tasks.benchmarks.rows import columns_of
from mb_tasks.parsing import choice_letters

if TYPE_CHECKING:  # datasets loads only where the split is read (reports import adapters)
    import datasets


def partner_index(index: int) -> int:
    """The 1-based ``Index`` of the other item of ``index``'s pair: pairs are (0-based index) // 2."""
    return (index - 1 ^ 1) + 1


@register
class MMVPAdapter(LmmsTaskAdapter):
    name = "mmvp"
    default_variants = DEFAULT_VARIANTS  # with its native pairs
    full_items = 300  # lmms-lab-eval/MMVP train: 150 pairs (BENCHMARKS.md, the MMVP paper)
    # Upper bound, unverified: every pair asks one question with opposite answers.
    full_counterfactuals = 300
    base_module = "mmvp.utils"
    base_doc_to_text = "mmvp_doc_to_text"
    base_doc_to_visual = "mmvp_doc_to_visual"

    def prepare(self, documents: datasets.Dataset) -> None:
        columns = columns_of(documents, "Index", "Question", "Options", "Correct Answer")
        self._rows = {index: row for row, index in enumerate(columns["Index"])}
        self._columns = columns

    def item(self, doc: dict[str, Any], index: int) -> Item:
        utils = base_utils("mmvp.utils")
        options = tuple(utils._parse_options(doc["Options"]))
        target = utils.mmvp_doc_to_target(doc)
        pair_id = f"mmvp_{doc['Index']}"
        if len(options) < 2 or len(target) != 1 or target not in choice_letters(len(options)):
            raise ItemError(f"item {pair_id}: options {doc['Options']!r} / answer {doc['Correct Answer']!r}")
        partner_row = self._rows.get(partner_index(doc["Index"]))
        cf_target = cf_index = None
        if partner_row is not None and all(
            self._columns[name][partner_row] == doc[name] for name in ("Question", "Options")
        ):
            partner_target = utils.mmvp_doc_to_target(
                {"Correct Answer": self._columns["Correct Answer"][partner_row]}
            )
            if partner_target != target:
                cf_target, cf_index = partner_target, partner_row
        return Item(
            pair_id=pair_id,
            category="mmvp",
            answer_type="mcq",
            target=target,
            image_key=encoded_image_key(doc["image"]),
            options=options,
            cluster=f"mmvp_pair_{(doc['Index'] - 1) // 2}",
            cf_target=cf_target,
            cf_index=cf_index,
        )
