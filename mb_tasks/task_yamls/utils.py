"""Thin glue shared by every modbias task YAML: everything lives in ``mb_tasks.lmms``.

Metric aggregations are looked up by name (``!function utils.<metric>``) through the module-level
``__getattr__`` re-exported here.
"""

from mb_tasks.lmms import doc_to_target, doc_to_text, doc_to_visual, process_docs, process_results
from mb_tasks.lmms.aggregation import __getattr__

__all__ = ["__getattr__", "doc_to_target", "doc_to_text", "doc_to_visual", "process_docs", "process_results"]
