"""The hooks every modbias task shares (the template's ``!function utils.<name>`` resolve here): each a
function of the row (and of the model's ``lmms_eval_specific_kwargs``), everything in ``mb_tasks.lmms``.

Metric aggregations are looked up by name (``!function utils.<metric>``) through the module-level
``__getattr__`` re-exported here. Each task folder's own ``utils.py`` binds its ``process_docs``.
"""

from mb_tasks.lmms import doc_to_target, doc_to_text, doc_to_visual, process_results
from mb_tasks.lmms.aggregation import __getattr__

__all__ = ["__getattr__", "doc_to_target", "doc_to_text", "doc_to_visual", "process_results"]
