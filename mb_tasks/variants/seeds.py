"""Stable seeds: the same parts give the same seed in every process and on every machine."""

from __future__ import annotations

import hashlib

import numpy as np

_SEPARATOR = "\x1f"


def stable_seed(*parts: object) -> int:
    """seed = first 8 bytes (big-endian) of sha256(str(part_1) + US + str(part_2) + ...)."""
    joined = _SEPARATOR.join(str(part) for part in parts)
    return int.from_bytes(hashlib.sha256(joined.encode("utf-8")).digest()[:8], "big")


def rng(*parts: object) -> np.random.Generator:
    """A numpy generator seeded with :func:`stable_seed` of ``parts``."""
    return np.random.default_rng(stable_seed(*parts))
