"""The fixed seeded item subset of the lite tasks (``metadata.modbias.max_items``).

An item is kept when its rank key stable_seed("subset", benchmark, pair_id, seed) is among the
``max_items`` smallest of its benchmark; kept items stay in dataset order. An adapter with
``subset_whole_clusters`` (VLind-Bench, whose pipeline scores need every probe of an instance) keeps
whole clusters instead: clusters in order of stable_seed("subset", benchmark, cluster, seed), taken
while their items fit in ``max_items``. The choice depends only on the ids, so it is the same on
every machine, in every process and whatever the row order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mb_tasks.benchmarks.base import Item
from mb_tasks.variants.seeds import stable_seed

Indexed = TypeVar("Indexed", bound=tuple[int, Item])


def subset_rank(benchmark: str, unit_id: str, seed: int) -> int:
    """An item's or cluster's rank key: stable_seed("subset", benchmark, unit_id, seed); smaller first."""
    return stable_seed("subset", benchmark, unit_id, seed)


def seeded_subset(
    items: Sequence[Indexed],
    benchmark: str,
    seed: int,
    max_items: int | None,
    *,
    whole_clusters: bool = False,
) -> list[Indexed]:
    """At most ``max_items`` items of smallest rank key (whole clusters of smallest rank key when
    ``whole_clusters``), in their original order; all of them when ``max_items`` is None."""
    if max_items is None or len(items) <= max_items:
        return list(items)
    if max_items < 1:
        raise ValueError(f"{benchmark}: max_items must be at least 1, got {max_items}")
    if whole_clusters:
        return _whole_clusters(items, benchmark, seed, max_items)
    ranked = sorted(range(len(items)), key=lambda i: (subset_rank(benchmark, items[i][1].pair_id, seed), i))
    return [items[i] for i in sorted(ranked[:max_items])]


def _whole_clusters(items: Sequence[Indexed], benchmark: str, seed: int, max_items: int) -> list[Indexed]:
    """Clusters (an item without one is its own) in rank order, while their items fit in ``max_items``."""
    members: dict[str, list[int]] = {}
    for position, (_, item) in enumerate(items):
        members.setdefault(item.cluster or item.pair_id, []).append(position)
    kept: list[int] = []
    for cluster in sorted(members, key=lambda name: (subset_rank(benchmark, name, seed), name)):
        if len(kept) + len(members[cluster]) > max_items:
            break
        kept += members[cluster]
    if not kept:
        smallest = min(len(positions) for positions in members.values())
        raise ValueError(
            f"{benchmark}: max_items={max_items} is smaller than the first cluster drawn; "
            f"whole clusters need at least {smallest} items (raise max_items)"
        )
    return [items[position] for position in sorted(kept)]
