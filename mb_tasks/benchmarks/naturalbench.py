"""NaturalBench (BaiqiL/NaturalBench-lmms-eval, split test): groups of four rows, two questions times
two images, ``Index`` 4g + (q0_i0, q0_i1, q1_i0, q1_i1). The gold is implicit, as lmms-eval's scorer
reads it: q0_i0 and q1_i1 are "yes"/"A", q0_i1 and q1_i0 are "no"/"B". Each item's native
``counterfactual`` is the same question on the group's other image (``Index`` xor 1), whose gold is
the other answer. The four rows share two images: clustered by group."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mb_tasks.benchmarks.base import DEFAULT_VARIANTS, Item, ItemError, encoded_image_key, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter
from mb_tasks.benchmarks.rows import columns_of

if TYPE_CHECKING:  # datasets loads only where the split is read (reports import adapters)
    import datasets

#: Position in the group (Index % 4) -> whether the gold is the first answer ("yes" / "A").
_FIRST_ANSWER = (True, False, False, True)
_ANSWERS = {"yes_no": ("yes", "no"), "multiple_choice": ("A", "B")}


def gold(index: int, question_type: str) -> str:
    """The gold answer of the row with this ``Index`` and ``Question_Type``."""
    first, second = _ANSWERS[question_type]
    return first if _FIRST_ANSWER[index % 4] else second


@register
class NaturalBenchAdapter(LmmsTaskAdapter):
    name = "naturalbench"
    default_variants = DEFAULT_VARIANTS  # with its native pairs
    full_items = 7_600  # 1,900 groups x 4 rows (lmms-eval naturalbench/utils.py asserts 1900 * 4)
    full_counterfactuals = 7_600  # every row: the same question on the group's other image
    base_module = "naturalbench.utils"
    base_doc_to_text = "naturalbench_doc_to_text"
    base_doc_to_visual = "naturalbench_doc_to_visual"
    image_columns = ("Image",)

    def prepare(self, documents: datasets.Dataset) -> None:
        columns = columns_of(documents, "Index", "Question")
        self._rows = {int(index): row for row, index in enumerate(columns["Index"])}
        self._questions = columns["Question"]

    def item(self, doc: dict[str, Any], index: int) -> Item:
        position = int(doc["Index"])
        pair_id = f"naturalbench_{position}"
        question_type = doc["Question_Type"]
        if question_type not in _ANSWERS:
            raise ItemError(f"item {pair_id}: unknown Question_Type {question_type!r}")
        partner = self._rows.get(position ^ 1)
        same_question = partner is not None and self._questions[partner] == doc["Question"]
        return Item(
            pair_id=pair_id,
            category=question_type,
            answer_type="yesno" if question_type == "yes_no" else "mcq",
            target=gold(position, question_type),
            image_key=encoded_image_key(doc["Image"]),
            options=None if question_type == "yes_no" else _ANSWERS[question_type],
            cluster=f"naturalbench_group_{position // 4}",
            cf_target=gold(position ^ 1, question_type) if same_question else None,
            cf_index=partner if same_question else None,
        )
