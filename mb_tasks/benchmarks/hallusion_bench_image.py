"""HallusionBench, image questions (lmms-lab-encoder/HallusionBench, split image): yes/no questions
on figures; within a set, figure 0 is the original and figures 1, 2, ... are edited versions. An
original-figure item's native ``counterfactual`` is the first edited figure of the same set on which
the same question has the other answer. Items of a set share figures: clustered by set.

lmms-eval scores this task with a GPT judge; here the answer is parsed as yes/no against gt_answer
("1" = yes, "0" = no)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mb_tasks.benchmarks.base import DEFAULT_VARIANTS, Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter
from mb_tasks.benchmarks.rows import columns_of

if TYPE_CHECKING:  # datasets loads only where the split is read (reports import adapters)
    import datasets

_GOLD = {"1": "yes", "0": "no"}
_KEY_COLUMNS = ("category", "subcategory", "set_id", "question_id")


def _question_key(doc: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(doc[name]) for name in _KEY_COLUMNS)


@register
class HallusionBenchImageAdapter(LmmsTaskAdapter):
    name = "hallusion_bench_image"
    default_variants = DEFAULT_VARIANTS  # with its native pairs
    full_items = 951  # the image split's questions (1,129 in the paper, 178 without a figure)
    # Unverified estimate: 165 original figures x ~2.75 questions each (951 questions / 346
    # figures), as if every original-figure question had an answer-flipping edit (an upper bound).
    full_counterfactuals = 454
    base_module = "hallusion_bench.evaluate_hb"
    base_doc_to_text = "hb_doc_to_text"
    base_doc_to_visual = "hb_doc_to_visual"

    def prepare(self, documents: datasets.Dataset) -> None:
        columns = columns_of(documents, *_KEY_COLUMNS, "figure_id", "gt_answer")
        self._edited: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}
        for row in range(len(documents)):
            doc = {name: columns[name][row] for name in columns}
            figure = int(doc["figure_id"])
            if figure != 0 and str(doc["gt_answer"]) in _GOLD:
                self._edited.setdefault(_question_key(doc), []).append(
                    (figure, row, _GOLD[str(doc["gt_answer"])])
                )
        for figures in self._edited.values():
            figures.sort()

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = "hallusion_" + "_".join(
            (*_question_key(doc)[:3], str(doc["figure_id"]), str(doc["question_id"]))
        )
        target = _GOLD.get(str(doc["gt_answer"]))
        if target is None:
            raise ItemError(f"item {pair_id}: gt_answer {doc['gt_answer']!r} is neither '0' nor '1'")
        cf_target = cf_index = None
        if int(doc["figure_id"]) == 0:
            flipped = [
                (row, gold) for _, row, gold in self._edited.get(_question_key(doc), []) if gold != target
            ]
            if flipped:
                cf_index, cf_target = flipped[0]
        return Item(
            pair_id=pair_id,
            category=f"{doc['category']}_{doc['subcategory']}",
            answer_type="yesno",
            target=target,
            image_key=encoded_image_key(doc["image"]),
            cluster="_".join(_question_key(doc)[:3]),
            cf_target=cf_target,
            cf_index=cf_index,
        )
