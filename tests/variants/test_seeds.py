import hashlib

import numpy as np

from mb_tasks.variants.seeds import rng, stable_seed


def test_stable_seed_is_the_sha256_prefix_of_the_joined_parts():
    expected = int.from_bytes(hashlib.sha256(b"mmstar\x1f17\x1fnoise\x1f0").digest()[:8], "big")
    assert stable_seed("mmstar", 17, "noise", 0) == expected


def test_part_boundaries_matter():
    assert stable_seed("ab", "c") != stable_seed("a", "bc")
    assert stable_seed("a") != stable_seed("a", "")


def test_rng_streams_repeat_for_the_same_parts_and_differ_for_others():
    first = rng("x", 1).integers(0, 2**31, size=8)
    again = rng("x", 1).integers(0, 2**31, size=8)
    other = rng("x", 2).integers(0, 2**31, size=8)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
