"""Mismatch donors: which other item's image each item gets in the ``mismatch`` variant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence

import numpy as np

from mb_tasks.variants.seeds import rng


def _shifted_cycle(
    members: list[int], image_keys: Sequence[Hashable], generator: np.random.Generator
) -> dict[int, int] | None:
    """A seeded permutation of ``members`` that never pairs two items of the same image, or None if
    one image holds more than half of them (then no such permutation exists).

    Items are laid out grouped by image (groups and members in seeded order); position p takes the
    image at position (p + m) mod n, m = the largest group: a group spans at most m <= n - m
    consecutive positions, so the shift always leaves it.
    """
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for index in members:
        groups[image_keys[index]].append(index)
    largest = max(len(group) for group in groups.values())
    if len(groups) < 2 or 2 * largest > len(members):
        return None
    ordered_groups = sorted(groups.values())
    order = [
        member
        for group_position in generator.permutation(len(ordered_groups))
        for member in (
            ordered_groups[group_position][i]
            for i in generator.permutation(len(ordered_groups[group_position]))
        )
    ]
    count = len(order)
    return {order[position]: order[(position + largest) % count] for position in range(count)}


def _random_other_image(
    index: int, pool: list[int], image_keys: Sequence[Hashable], generator: np.random.Generator
) -> int | None:
    """A seeded member of ``pool`` with another image than ``index`` (a few draws, then a scan)."""
    for _ in range(32):
        other = pool[int(generator.integers(len(pool)))]
        if image_keys[other] != image_keys[index]:
            return other
    candidates = [other for other in pool if image_keys[other] != image_keys[index]]
    return candidates[int(generator.integers(len(candidates)))] if candidates else None


def mismatch_donors(
    categories: Sequence[Hashable], image_keys: Sequence[Hashable], *seed_parts: object
) -> list[int]:
    """donors[i] = the item whose image item i shows under ``mismatch``: never an item with the same
    image key (content hash), from i's category when it holds another image, else from any category.

    Within a category where no image holds more than half of the items the donors form a seeded
    derangement (every image is shown exactly once); otherwise each item draws a seeded donor.
    """
    if len(categories) != len(image_keys):
        raise ValueError(f"mismatch: {len(categories)} categories but {len(image_keys)} image keys")
    distinct_images = len(set(image_keys))
    if distinct_images < 2:
        raise ValueError(
            f"mismatch needs at least two distinct images, but the benchmark has {len(image_keys)} item(s) "
            f"and {distinct_images} distinct image(s)"
        )
    members_of: dict[Hashable, list[int]] = defaultdict(list)
    for index, category in enumerate(categories):
        members_of[category].append(index)
    everyone = list(range(len(categories)))
    donors: dict[int, int] = {}
    for category, members in members_of.items():
        generator = rng("mismatch", *seed_parts, "category", category)
        cycle = _shifted_cycle(members, image_keys, generator)
        for index in members:
            donor = (
                cycle[index]
                if cycle is not None
                else _random_other_image(index, members, image_keys, generator)
            )
            if donor is None:
                # At least two distinct images exist, so the global pool always has one.
                donor = _random_other_image(
                    index, everyone, image_keys, rng("mismatch", *seed_parts, "global", index)
                )
            donors[index] = int(donor)  # type: ignore[arg-type]
    return [donors[index] for index in everyone]
