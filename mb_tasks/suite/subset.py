"""The fixed seeded item subset of the lite tasks (``metadata.modbias.max_items``).

An item is kept when its rank key stable_seed("subset", benchmark, pair_id, seed) is among the
``max_items`` smallest of its benchmark; kept items stay in dataset order. The choice depends only on
the item ids, so it is the same on every machine, in every process and whatever the row order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mb_tasks.benchmarks.base import Item
from mb_tasks.variants.seeds import stable_seed

Indexed = TypeVar("Indexed", bound=tuple[int, Item])


def subset_rank(benchmark: str, pair_id: str, seed: int) -> int:
    """The item's rank key: stable_seed("subset", benchmark, pair_id, seed); smaller is kept first."""
    return stable_seed("subset", benchmark, pair_id, seed)


def seeded_subset(
    items: Sequence[Indexed], benchmark: str, seed: int, max_items: int | None
) -> list[Indexed]:
    """The ``max_items`` items of smallest rank key, in their original order (all when None)."""
    if max_items is None or len(items) <= max_items:
        return list(items)
    if max_items < 1:
        raise ValueError(f"{benchmark}: max_items must be at least 1, got {max_items}")
    ranked = sorted(range(len(items)), key=lambda i: (subset_rank(benchmark, items[i][1].pair_id, seed), i))
    return [items[i] for i in sorted(ranked[:max_items])]
