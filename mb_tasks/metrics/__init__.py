"""The metrics engine: every metric of DESIGN.md, with paired-bootstrap intervals and McNemar tests.

- :mod:`table`:        records -> one :class:`ItemTable` per benchmark (arrays over items);
- :mod:`definitions`:  each metric as a pure function of a table -> :class:`Statistic`;
- :mod:`bootstrap`:    seeded paired bootstrap over items or clusters for any statistic;
- :mod:`significance`: exact McNemar p-values and Holm adjustment;
- :mod:`engine`:       :func:`compute_report` and :func:`point_estimates`.
"""

from mb_tasks.metrics.bootstrap import bootstrap_seed, bootstrap_values, percentile_interval
from mb_tasks.metrics.definitions import Statistic, statistics
from mb_tasks.metrics.engine import compute_report, point_estimates
from mb_tasks.metrics.significance import holm_adjust, mcnemar_exact
from mb_tasks.metrics.table import ItemTable, build_tables

__all__ = [
    "ItemTable",
    "Statistic",
    "bootstrap_seed",
    "bootstrap_values",
    "build_tables",
    "compute_report",
    "holm_adjust",
    "mcnemar_exact",
    "percentile_interval",
    "point_estimates",
    "statistics",
]
