"""The vision tower's pretraining labels (per patch and per scene) and its cache."""

from __future__ import annotations

from pathlib import Path

import torch

from mb_tasks.lab.data import vocabulary_texts
from mb_tasks.lab.model import build_model, build_processor, vocabulary
from mb_tasks.lab.specs import Backbone
from mb_tasks.lab.vision import (
    COLOUR_CLASSES,
    KIND_CLASSES,
    OBJECT_KINDS,
    cached_vision,
    patch_labels,
    scene_summary,
)

#: A scene object's fields, in the order the tests list them.
FIELDS = ("shape", "colour", "x", "y", "size", "label")


def _scene(*objects: tuple) -> dict:
    """A 224 x 224 scene of ``objects`` given as (shape, colour, x, y, size, label) tuples."""
    return {"width": 224, "height": 224, "objects": [dict(zip(FIELDS, obj, strict=True)) for obj in objects]}


def test_patch_labels_name_the_object_covering_most_of_each_patch() -> None:
    # grid 4: patches of 56 px. A red square filling patch (0, 0); a blue star straddling patches
    # (1, 2) and (1, 3) but mostly in (1, 2); a sign in the bottom row (no colour).
    scene = _scene(
        ("square", "red", 28, 28, 28, ""), ("star", "blue", 150, 84, 20, ""), ("sign", "", 112, 196, 0, "CAT")
    )
    colours, kinds = patch_labels(scene, 4)
    none_colour, none_kind = COLOUR_CLASSES.index("none"), KIND_CLASSES.index("none")
    expected_colours = [none_colour] * 16
    expected_kinds = [none_kind] * 16
    expected_colours[0], expected_kinds[0] = COLOUR_CLASSES.index("red"), KIND_CLASSES.index("square")
    expected_colours[6], expected_kinds[6] = COLOUR_CLASSES.index("blue"), KIND_CLASSES.index("star")
    # The star's box (130..170 x 64..104) covers 56 * 40 px of patch 6 (112..168) and 2 * 40 = 80 px of
    # patch 7 (168..224): under a tenth of a patch (313.6 px), so patch 7 stays "none".
    for index in (13, 14):  # the sign's box 52..172 x 176..216 covers most of patches 13 and 14
        expected_kinds[index] = KIND_CLASSES.index("sign")
    assert colours == expected_colours
    assert kinds == expected_kinds


def test_scene_summary_counts_pairs_and_kinds() -> None:
    scene = _scene(("star", "red", 0, 0, 5, ""), ("star", "blue", 0, 0, 5, ""), ("sign", "", 0, 0, 0, ""))
    summary = scene_summary(scene)
    pairs, counts = summary[: -len(OBJECT_KINDS)], summary[-len(OBJECT_KINDS) :]
    star = OBJECT_KINDS.index("star")
    assert pairs.sum() == 2
    assert pairs.view(-1, len(OBJECT_KINDS))[:, star].sum() == 2
    assert counts.tolist() == [2.0 if kind == "star" else 0.0 for kind in OBJECT_KINDS]


def test_cached_vision_gives_the_pretrained_weights_again(tmp_path: Path) -> None:
    backbone = Backbone(text_hidden=16, vision_hidden=16, text_layers=1, vision_layers=1)
    processor = build_processor(backbone, vocabulary(vocabulary_texts()))
    towers = [build_model(backbone, processor.tokenizer, seed=0).model.vision_tower for _ in range(3)]
    untouched = {name: value.clone() for name, value in towers[0].state_dict().items()}
    cached_vision(towers[0], processor, backbone, steps=2, seed=0, cache=tmp_path)
    cached_vision(towers[1], processor, backbone, steps=2, seed=0, cache=tmp_path)
    assert len(list(tmp_path.glob("vision-*.pt"))) == 1
    for name, value in towers[0].state_dict().items():
        assert torch.equal(value, towers[1].state_dict()[name])
    assert any(not torch.equal(value, untouched[name]) for name, value in towers[0].state_dict().items())
