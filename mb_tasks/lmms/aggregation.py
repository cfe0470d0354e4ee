"""Aggregation functions: each metric's value from the task's records, via
``mb_tasks.metrics.point_estimates`` (memoized, so the metrics of one task are computed once).

Task YAMLs name them as ``!function utils.<metric name>`` (``utils`` re-exports this module's
``__getattr__``), e.g. ``aggregation: !function utils.mg_no_image``; every name is an entry of the
metric catalogue (``mb_tasks/metrics/catalogue/entries.py``), which writes those lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

from mb_tasks.lmms.shared_record import SharedRecord
from mb_tasks.metrics import point_estimates
from mb_tasks.metrics.catalogue import TABLE_METRICS, TASK_METRICS
from mb_tasks.records import Record


def metric_names(variants: Iterable[str], has_yesno: bool) -> tuple[str, ...]:
    """The shared metrics a task with these variants reports, in catalogue order: those whose catalogue
    entry :meth:`~mb_tasks.metrics.catalogue.Metric.applies` (``ml`` needs a base-LLM run and is
    left to ``modbias report``; benchmark-specific metrics are the adapter's ``extra_metrics``)."""
    present = set(variants)
    return tuple(entry.name for entry in TABLE_METRICS if entry.applies(present, has_yesno))


#: Every metric any task can report (the task templates' ``metric_list``).
ALL_METRICS: tuple[str, ...] = TASK_METRICS


def metric_value(name: str, values: Sequence[Record | SharedRecord]) -> float | None:
    """The metric's value (None when undefined); the engine leaves out records marked skipped."""
    records = [value.record if isinstance(value, SharedRecord) else value for value in values]
    return point_estimates(records).get(name) if records else None


@cache
def aggregation_for(name: str) -> Callable[[Sequence[Record | SharedRecord]], float | None]:
    """The lmms-eval aggregation function of metric ``name``."""
    if name not in ALL_METRICS:
        raise AttributeError(f"no modbias metric named {name!r}")

    def aggregate(values: Sequence[Record | SharedRecord]) -> float | None:
        return metric_value(name, values)

    aggregate.__name__ = aggregate.__qualname__ = f"modbias_{name}"
    return aggregate


def __getattr__(name: str) -> Callable[[Sequence[Record | SharedRecord]], float | None]:
    return aggregation_for(name)
