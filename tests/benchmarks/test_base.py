"""The benchmark adapter interface: items, the registry, placeholders, image keys."""

from __future__ import annotations

import pytest

from mb_tasks.benchmarks.base import (
    BenchmarkAdapter,
    Item,
    ItemError,
    adapter,
    encoded_image_key,
    register,
    strip_image_placeholders,
    validate_variants,
)


def test_item_checks_its_answer_type_and_options() -> None:
    with pytest.raises(ItemError, match="item q1: multiple-choice item without options"):
        Item(pair_id="q1", category="c", answer_type="mcq", target="A", image_key="k")
    with pytest.raises(ItemError, match="item q2: unknown answer_type 'letter'"):
        Item(pair_id="q2", category="c", answer_type="letter", target="A", image_key="k")
    item = Item(pair_id="q3", category="c", answer_type="yesno", target="yes", image_key="k", cf_target="no")
    assert item.has_counterfactual and item.options is None


def test_registry_finds_adapters_by_name_and_imports_modules() -> None:
    assert adapter("synth").name == "synth"  # mb_tasks.benchmarks.synth imported on demand
    with pytest.raises(KeyError, match="no benchmark adapter named 'nonexistent'"):
        adapter("nonexistent")

    class Twin(BenchmarkAdapter):
        name = "synth"

    with pytest.raises(ValueError, match="registered twice"):
        register(Twin)


def test_placeholders_are_removed_cleanly() -> None:
    assert strip_image_placeholders("<image>\nWhat is shown?") == "What is shown?"
    assert strip_image_placeholders("Compare <image 1> and <image 2>.\nA. x") == "Compare and .\nA. x"
    assert strip_image_placeholders("No placeholder here.") == "No placeholder here."


def test_encoded_image_key() -> None:
    assert encoded_image_key({"bytes": b"abc", "path": None}) == encoded_image_key(b"abc")
    assert encoded_image_key({"bytes": b"abc"}) != encoded_image_key({"bytes": b"abd"})
    assert encoded_image_key(None) == "missing"
    assert encoded_image_key([b"a", b"b"]) != encoded_image_key([b"b", b"a"])


def test_variants_are_validated_and_ordered() -> None:
    assert validate_variants(["no_image", "original"]) == ("original", "no_image")
    with pytest.raises(ValueError, match=r"unknown variant\(s\) \['blur'\]"):
        validate_variants(["original", "blur"])
