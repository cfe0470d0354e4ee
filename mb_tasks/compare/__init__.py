"""Several models on the same items: side-by-side reports and paired differences between models."""

from mb_tasks.compare.model_differences import (
    HEADLINE_METRICS,
    compare_runs,
    distinct_labels,
    model_difference,
    shared_records,
)

__all__ = ["HEADLINE_METRICS", "compare_runs", "distinct_labels", "model_difference", "shared_records"]
