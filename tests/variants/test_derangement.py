from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mb_tasks.variants.derangement import mismatch_donors

# Items as (category, image key) pairs; a few values of each so that categories and images repeat.
items_strategy = st.lists(
    st.tuples(st.sampled_from("abc"), st.integers(0, 6)), min_size=2, max_size=40
).filter(lambda items: len({key for _, key in items}) >= 2)


@settings(max_examples=300, deadline=None)
@given(items=items_strategy, seed=st.integers(0, 3))
def test_no_item_gets_its_own_image_and_the_category_is_kept_when_possible(items, seed):
    categories = [category for category, _ in items]
    keys = [key for _, key in items]
    donors = mismatch_donors(categories, keys, "bench", seed)
    assert len(donors) == len(items)
    for index, donor in enumerate(donors):
        assert 0 <= donor < len(items)
        assert keys[donor] != keys[index]
        category_has_another_image = any(
            categories[other] == categories[index] and keys[other] != keys[index]
            for other in range(len(items))
        )
        if category_has_another_image:
            assert categories[donor] == categories[index]


@settings(max_examples=200, deadline=None)
@given(items=items_strategy)
def test_within_a_category_without_a_majority_image_the_donors_are_a_permutation(items):
    categories = [category for category, _ in items]
    keys = [key for _, key in items]
    donors = mismatch_donors(categories, keys, 0)
    for category in set(categories):
        members = [index for index, value in enumerate(categories) if value == category]
        largest = max(Counter(keys[index] for index in members).values())
        if len(members) >= 2 and 2 * largest <= len(members):
            assert sorted(donors[index] for index in members) == members


@settings(max_examples=100, deadline=None)
@given(items=items_strategy)
def test_the_same_seed_gives_the_same_donors(items):
    categories = [category for category, _ in items]
    keys = [key for _, key in items]
    assert mismatch_donors(categories, keys, "s", 1) == mismatch_donors(categories, keys, "s", 1)


def test_other_seeds_give_other_derangements():
    categories = ["x"] * 30
    keys = list(range(30))
    assert len({tuple(mismatch_donors(categories, keys, "s", seed)) for seed in range(5)}) == 5


def test_a_category_of_one_item_falls_back_to_the_others():
    donors = mismatch_donors(["solo", "pair", "pair"], ["h0", "h1", "h2"], 0)
    assert donors[0] in (1, 2)
    assert donors[1:] == [2, 1]


def test_items_sharing_an_image_are_never_each_others_donors():
    # Two questions about the same picture (as in MME) and one other picture.
    donors = mismatch_donors(["c", "c", "c"], ["same", "same", "other"], 0)
    assert donors == [2, 2, donors[2]] and donors[2] in (0, 1)


@pytest.mark.parametrize(
    ("categories", "keys"),
    [(["a"], ["h"]), (["a", "b", "a"], ["h", "h", "h"])],
    ids=["one item", "one image"],
)
def test_one_item_or_one_image_is_a_clear_error(categories, keys):
    with pytest.raises(ValueError, match=r"at least two distinct images.*\d+ item\(s\) and 1 distinct image"):
        mismatch_donors(categories, keys, 0)
