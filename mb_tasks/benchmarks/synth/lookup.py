"""Recovering the scene behind a synthetic image by its content hash (for the reference models)."""

from __future__ import annotations

import json
from functools import cache

from PIL import Image

from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH, load_items
from mb_tasks.benchmarks.synth.scene import Scene, render
from mb_tasks.variants.images import content_hash


@cache
def _index_of_default_items() -> dict[str, str]:
    """content hash -> scene (as JSON) for every original and counterfactual scene of the items (the
    committed file, or the same items from the generator where the file is not installed)."""
    # Imported here: the generator is also run as a script (python -m), which warns about a module
    # that the package already imported.
    from mb_tasks.benchmarks.synth.generate import generate_items

    index: dict[str, str] = {}
    for item in load_items() if DEFAULT_ITEMS_PATH.exists() else generate_items():
        for scene in (item["scene"], item["cf_scene"]):
            index[content_hash(render(scene))] = json.dumps(scene)
    return index


def scene_for_image(image: Image.Image) -> Scene | None:
    """The scene rendered pixel-identical to ``image``, or None (a blank, noise or foreign image)."""
    found = _index_of_default_items().get(content_hash(image))
    return json.loads(found) if found is not None else None
