"""modbias_gqa's process_docs joins each question with its image row first; the rest is shared."""

from mb_tasks.benchmarks.gqa import process_docs
from mb_tasks.lmms.aggregation import __getattr__

__all__ = ["__getattr__", "process_docs"]
