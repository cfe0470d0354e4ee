"""What a benchmark adds to the shared metrics, registered by its adapter: the leak canary's
categories and its benchmark-specific statistics. The metrics never import a benchmark; whoever
loads adapters registers their extras here (``mb_tasks.benchmarks.base.register`` does on import),
and a finder may register them when a benchmark's extras are first asked for (the ``modbias``
command installs the adapters' one, :func:`mb_tasks.benchmarks.base.provide_adapter_extras`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mb_tasks.metrics.definitions import Statistic
from mb_tasks.metrics.table import ItemTable

BenchmarkStatistics = Callable[[ItemTable], Iterable[tuple[str, Statistic]]]


def no_statistics(table: ItemTable) -> Iterable[tuple[str, Statistic]]:
    """No benchmark-specific metric."""
    return ()


@dataclass(frozen=True)
class BenchmarkExtras:
    """``vision_required_categories``: item categories that cannot be answered without the image (the
    leak canary watches blind accuracy on them); ``statistics``: the benchmark-specific metrics of its
    item table (catalogue entries with that ``benchmark``)."""

    vision_required_categories: frozenset[str] = frozenset()
    statistics: BenchmarkStatistics = no_statistics


_REGISTERED: dict[str, BenchmarkExtras] = {}
_FINDERS: list[Callable[[str], object]] = []
_ASKED: set[str] = set()


def register_extras(benchmark: str, extras: BenchmarkExtras) -> None:
    """Make :func:`extras_of` (``benchmark``) return ``extras``."""
    _REGISTERED[benchmark] = extras


def add_extras_finder(finder: Callable[[str], object]) -> None:
    """Call ``finder(benchmark)`` (once per benchmark) when extras are asked for that are not
    registered; it may register them. Adding the same finder again does nothing."""
    if finder not in _FINDERS:
        _FINDERS.append(finder)
        _ASKED.clear()


def extras_of(benchmark: str) -> BenchmarkExtras:
    """The benchmark's registered extras, after asking the finders; none for a benchmark without."""
    if benchmark not in _REGISTERED and benchmark not in _ASKED:
        _ASKED.add(benchmark)
        for finder in _FINDERS:
            finder(benchmark)
    return _REGISTERED.get(benchmark, BenchmarkExtras())
