"""Sample-size planning for the paired design: how many items detect a gap of a given size."""

from mb_tasks.planning.mcnemar_power import (
    PairedPlan,
    connor_items,
    mcnemar_power,
    plan_items,
    rejection_bounds,
)

__all__ = ["PairedPlan", "connor_items", "mcnemar_power", "plan_items", "rejection_bounds"]
