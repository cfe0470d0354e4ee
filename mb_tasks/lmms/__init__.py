"""The lmms-eval task glue: what every modbias task YAML's ``utils.py`` imports.

``process_docs`` expands base items into variant rows, ``doc_to_visual``/``doc_to_text`` build each
variant's request, ``process_results`` turns an answer into a record, and the aggregation functions
compute the bias metrics from the records.
"""

from mb_tasks.lmms.aggregation import aggregation_for
from mb_tasks.lmms.requests import doc_to_target, doc_to_text, doc_to_visual
from mb_tasks.lmms.results import process_results
from mb_tasks.lmms.task import process_docs

__all__ = [
    "aggregation_for",
    "doc_to_target",
    "doc_to_text",
    "doc_to_visual",
    "process_docs",
    "process_results",
]
