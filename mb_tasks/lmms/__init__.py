"""The lmms-eval task glue: what the modbias task YAMLs' ``utils.py`` files import.

Each task YAML binds ``process_docs`` to its own settings (:func:`mb_tasks.lmms.task.process_docs_for`),
which expands base items into self-describing variant rows; ``doc_to_visual``/``doc_to_text`` build
each variant's request from its row and the model's ``lmms_eval_specific_kwargs``;
``process_results`` turns an answer into a record; the aggregation functions compute the bias metrics
from the records.
"""

from mb_tasks.lmms.aggregation import aggregation_for
from mb_tasks.lmms.requests import doc_to_target, doc_to_text, doc_to_visual
from mb_tasks.lmms.results import process_results
from mb_tasks.lmms.task import process_docs_for

__all__ = [
    "aggregation_for",
    "doc_to_target",
    "doc_to_text",
    "doc_to_visual",
    "process_docs_for",
    "process_results",
]
