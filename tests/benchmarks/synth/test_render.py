import datasets
import numpy as np
import pytest
from PIL import Image

from mb_tasks.benchmarks.base import adapter
from mb_tasks.benchmarks.synth import load_items, render, scene_for_image
from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH
from mb_tasks.variants.images import blank_like, content_hash, noise_like

ITEMS = load_items()


def test_renders_are_small_rgb_and_byte_identical():
    for item in ITEMS[::40]:
        first, again = render(item["scene"]), render(item["scene"])
        assert first.mode == "RGB" and first.size == (224, 224)
        assert first.tobytes() == again.tobytes()
        assert first.tobytes() != render(item["cf_scene"]).tobytes()


def test_objects_are_drawn_in_their_colour_at_their_place():
    scene = {
        "width": 50,
        "height": 40,
        "objects": [{"shape": "square", "colour": "blue", "x": 20, "y": 20, "size": 5, "label": ""}],
    }
    pixels = np.asarray(render(scene))
    assert tuple(pixels[20, 20]) == (30, 80, 220)
    assert tuple(pixels[20, 40]) == (255, 255, 255)
    with pytest.raises(ValueError, match="unknown shape 'blob'"):
        render({"width": 9, "height": 9, "objects": [dict(scene["objects"][0], shape="blob")]})


def test_every_scene_is_found_from_its_image_and_nothing_else_is():
    for item in ITEMS[::7]:
        assert scene_for_image(render(item["scene"])) == item["scene"]
        assert scene_for_image(render(item["cf_scene"])) == item["cf_scene"]
    image = render(ITEMS[0]["scene"])
    assert scene_for_image(blank_like(image)) is None
    assert scene_for_image(noise_like(image, "synth", 0)) is None
    assert scene_for_image(Image.new("RGB", (224, 224), "white")) is None


def test_the_adapter_reads_rows_of_a_real_datasets_table():
    rows = datasets.load_dataset("json", data_files=str(DEFAULT_ITEMS_PATH), split="train")
    synth = adapter("synth")
    assert synth.name == "synth"
    for index in (0, 101, 250, 639):
        doc, item_spec = rows[index], ITEMS[index]
        item = synth.item(doc, index)
        assert item.pair_id == item_spec["id"] and item.category == item_spec["category"]
        assert item.target == item_spec["target"] and item.cf_target == item_spec["cf_target"]
        assert item.options == (tuple(item_spec["options"]) or None)
        assert synth.base_text(doc, None).startswith(item_spec["question"] + "\n")
        [image] = synth.base_visual(doc, item)
        [counterfactual] = synth.counterfactual_visual(doc, item, lambda _: {})
        assert content_hash(image) == content_hash(render(item_spec["scene"]))
        assert content_hash(counterfactual) == content_hash(render(item_spec["cf_scene"]))
    keys = [synth.item(rows[index], index).image_key for index in range(len(rows))]
    assert len(set(keys)) > 600


def test_scenes_are_found_without_the_items_file(monkeypatch, tmp_path):
    from mb_tasks.benchmarks.synth import lookup

    monkeypatch.setattr(lookup, "DEFAULT_ITEMS_PATH", tmp_path / "not-installed.jsonl")
    lookup._index_of_default_items.cache_clear()
    try:
        assert scene_for_image(render(ITEMS[-1]["cf_scene"])) == ITEMS[-1]["cf_scene"]
    finally:
        lookup._index_of_default_items.cache_clear()
