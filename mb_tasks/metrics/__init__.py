"""The metrics engine: every metric of DESIGN.md, with paired-bootstrap intervals and McNemar tests.

- :mod:`validation`:   the one check of a record's fields and types;
- :mod:`screening`:    records, one at a time as read, -> the records a report uses, everything left
                       out named and counted (:mod:`checks`: the checks that need every record), kept
                       as compact columns (:mod:`columns`), and where they came from (:mod:`sources`);
- :mod:`table`:        screened records -> one :class:`ItemTable` per benchmark (arrays over items);
- :mod:`definitions`:  each metric as a pure function of a table -> :class:`Statistic`;
- :mod:`catalogue`:    one entry per metric name (needs, direction, test, reference), and what
                       derives from it (which metrics a table gets, headline lists, generated files);
- :mod:`extras`:       what a benchmark's adapter adds (leak canary categories, its own metrics);
- :mod:`bootstrap`:    seeded paired bootstrap over items or clusters for any statistic;
- :mod:`significance`: exact McNemar p-values and Holm adjustment;
- :mod:`threads`:      work on several threads, in order (the bootstrap of the benchmarks);
- :mod:`engine`:       :func:`compute_report` (of records; ``report_of_screening`` of records screened
                       as read) and :func:`point_estimates`.
"""

from mb_tasks.metrics.bootstrap import bootstrap_seed, bootstrap_values, percentile_interval
from mb_tasks.metrics.catalogue import statistics
from mb_tasks.metrics.definitions import Statistic
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
