"""Aggregation functions: each metric's value from the task's records, via
``mb_tasks.metrics.point_estimates`` (memoized, so the metrics of one task are computed once).

Task YAMLs name them as ``!function utils.<metric name>`` (``utils`` re-exports this module's
``__getattr__``), e.g. ``aggregation: !function utils.mg_no_image``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

from mb_tasks.benchmarks.base import BENCHMARK_METRICS
from mb_tasks.lmms.results import SharedRecord
from mb_tasks.metrics import point_estimates
from mb_tasks.records import VARIANTS, Record

#: Variants whose image is replaced (image sensitivity and grounded flips are defined for these).
IMAGE_VARIANTS: tuple[str, ...] = ("no_image", "blank", "noise", "mismatch")


def metric_names(variants: Iterable[str], has_yesno: bool) -> tuple[str, ...]:
    """The DESIGN.md metrics a task with these variants reports, in report order, as
    ``mb_tasks.metrics.definitions.statistics`` computes them (``ml`` needs a base-LLM run and is left
    to ``modbias report``)."""
    present = [variant for variant in VARIANTS if variant in set(variants)]
    paired = "original" in present
    names = [f"acc_{k}" for k in present] + [f"invalid_rate_{k}" for k in present]
    if paired:
        names += [f"mg_{k}" for k in ("no_image", "blank") if k in present]
        names += ["vrs_mismatch"] if "mismatch" in present else []
    if "no_image" in present:
        names += ["blind_above_chance", "blind_retention"] if paired else ["blind_above_chance"]
    if paired:
        names += [f"image_sensitivity_{k}" for k in IMAGE_VARIANTS if k in present]
        names += [f"grounded_flip_{k}" for k in IMAGE_VARIANTS if k in present]
    if "misleading_hint" in present:
        names += ["hint_follow_rate"]
        names += ["hint_follow_given_correct", "hint_norm"] if paired else []
        names += ["text_preference_ratio"] if paired and "misleading_hint_no_image" in present else []
    names += ["consistent_hint_gain"] if paired and "consistent_hint" in present else []
    if "counterfactual" in present:
        names += ["cf_acc", "prior_follow_rate", "pair_acc"] if paired else ["cf_acc", "prior_follow_rate"]
    names += [f"yes_ratio_{k}" for k in present] if has_yesno else []
    if paired and ("no_image" in present or {"misleading_hint", "misleading_hint_no_image"} <= set(present)):
        names.append("modality_bias_index")
    return tuple(names)


#: Every metric name any task can report.
ALL_METRICS: tuple[str, ...] = metric_names(VARIANTS, has_yesno=True) + BENCHMARK_METRICS


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
