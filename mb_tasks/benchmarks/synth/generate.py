"""Deterministic generator of the modbias_synth items (run it to rewrite the committed items file).

    python -m mb_tasks.benchmarks.synth.generate [--per-family 80] [--seed 0] [--out PATH]

Every item pairs a scene with a counterfactual scene (one edit) whose answer differs. In the
counterfactual-prior families the original agrees with common knowledge (a yellow banana, a sign
naming the real capital) and the counterfactual contradicts it, so answering the original's gold on
the counterfactual means following the prior instead of the image.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial

import numpy as np

from mb_tasks.benchmarks.synth.drafting import interleaved_items, options_with_gold, pick, run_generator
from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH, Item
from mb_tasks.benchmarks.synth.knowledge import CAPITALS, COLOURS, PRODUCE_COLOURS, SHAPES, SIGN_WORDS
from mb_tasks.benchmarks.synth.questions import FAMILIES, RELATIONS, Query, answer, describe, question_text
from mb_tasks.benchmarks.synth.scene import Scene, SceneObject
from mb_tasks.parsing.choice import choice_letters
from mb_tasks.parsing.score import chance_level
from mb_tasks.variants.seeds import rng

SIZE = 224
_CENTRES = (37, 112, 187)
#: (query, scene, counterfactual scene, options or None for yes/no).
Draft = tuple[Query, Scene, Scene, list[str] | None]

#: Each family's shift of its gold: item i of a family has its gold option at position
#: (i + shift) mod the number of options (yes/no: yes for an even i + shift). Items interleave the
#: families (item i of every family, then i + 1), and with these shifts every prefix of the items
#: has its gold letters balanced to within one per family and per answer format, and the fixed blind
#: guess ("A"/"yes") is never more than 0.75 of one item above chance on the families that need the
#: image, so a --limit run of an honest model raises no leak canary (found by an exhaustive search
#: over the shifts; tests/benchmarks/synth/test_items.py checks every prefix).
GOLD_SHIFTS: dict[str, int] = {
    "colour": 0,
    "count": 2,
    "position": 1,
    "shape": 1,
    "text": 3,
    "size": 0,
    "prior_colour": 0,
    "prior_capital": 2,
}


def _obj(shape: str, colour: str, cell: tuple[int, int], size: int, label: str = "") -> SceneObject:
    return {"shape": shape, "colour": colour, "x": cell[0], "y": cell[1], "size": size, "label": label}


def _scene(objects: list[SceneObject]) -> Scene:
    return {"width": SIZE, "height": SIZE, "objects": objects}


def _cells(generator: np.random.Generator, rows: tuple[int, ...] = (0, 1, 2)) -> list[tuple[int, int]]:
    """The grid cells of ``rows`` in seeded order, each centre jittered by up to 5 pixels."""
    cells = [(column, row) for row in rows for column in range(3)]
    return [
        (_CENTRES[column] + int(generator.integers(-5, 6)), _CENTRES[row] + int(generator.integers(-5, 6)))
        for column, row in (cells[i] for i in generator.permutation(len(cells)))
    ]


def _distractor_shapes(
    generator: np.random.Generator,
    cells: list[tuple[int, int]],
    count: int,
    avoid: tuple = (),
    size: int = 14,
) -> list[SceneObject]:
    """``count`` small shapes whose (colour, shape) descriptions differ from ``avoid``."""
    objects: list[SceneObject] = []
    for cell in cells[:count]:
        while True:
            shape, colour = pick(generator, SHAPES, 1)[0], pick(generator, COLOURS, 1)[0]
            if f"{colour} {shape}" not in avoid:
                break
        objects.append(_obj(shape, colour, cell, size))
    return objects


def _attribute(asked: str, generator: np.random.Generator, index: int, slot: int) -> Draft:
    """The colour or shape family: 2-4 objects told apart by the other attribute; the question names
    one of them by that attribute and asks for ``asked``, which the counterfactual changes."""
    vocabulary = {"colour": list(COLOURS), "shape": list(SHAPES)}
    named_by = "shape" if asked == "colour" else "colour"
    names = pick(generator, vocabulary[named_by], int(generator.integers(2, 5)))
    gold, counter, *others = pick(generator, vocabulary[asked], 4)
    objects = []
    for name, cell in zip(names, _cells(generator), strict=False):
        value = pick(generator, vocabulary[asked], 1)[0]
        fields = {named_by: name, asked: value}
        objects.append(_obj(fields["shape"], fields["colour"], cell, int(generator.integers(14, 25))))
    objects[0][asked] = gold
    cf_objects = copy.deepcopy(objects)
    cf_objects[0][asked] = counter
    options = options_with_gold(generator, gold, [counter, *others], slot % 4)
    return {"family": asked, "args": [names[0]]}, _scene(objects), _scene(cf_objects), options


def _count(generator: np.random.Generator, index: int, slot: int) -> Draft:
    shape = pick(generator, SHAPES, 1)[0]
    count = 1 + (index // 4) % 5
    counter = count + 1 if count == 1 or (count < 5 and generator.integers(2)) else count - 1
    cells = _cells(generator)
    targets = [
        _obj(shape, pick(generator, COLOURS, 1)[0], cell, int(generator.integers(10, 19)))
        for cell in cells[: max(count, counter)]
    ]
    distractors = [
        _obj(other, pick(generator, COLOURS, 1)[0], cell, int(generator.integers(10, 19)))
        for other, cell in zip(
            pick(generator, SHAPES, 3, exclude=(shape,)),
            cells[max(count, counter) :][: int(generator.integers(1, 4))],
            strict=False,
        )
    ]
    numbers = pick(generator, [str(n) for n in range(8)], 2, exclude=(str(count), str(counter)))
    options = options_with_gold(generator, str(count), [str(counter), *numbers], slot % 4)
    query = {"family": "count", "args": [shape]}
    return query, _scene(targets[:count] + distractors), _scene(targets[:counter] + distractors), options


def _two_objects(generator: np.random.Generator) -> tuple[SceneObject, SceneObject]:
    """Two objects with different colours and shapes (positions and sizes set by the caller)."""
    first_shape, second_shape = pick(generator, SHAPES, 2)
    first_colour, second_colour = pick(generator, COLOURS, 2)
    return _obj(first_shape, first_colour, (0, 0), 18), _obj(second_shape, second_colour, (0, 0), 18)


def _position(generator: np.random.Generator, index: int, slot: int) -> Draft:
    first, second = _two_objects(generator)
    relation = RELATIONS[int(generator.integers(len(RELATIONS)))]
    axis = "x" if relation in RELATIONS[:2] else "y"
    cells = _cells(generator)
    first_cell = cells[0]
    second_cell = next(
        cell
        for cell in cells[1:]
        if abs(cell[0 if axis == "x" else 1] - first_cell[0 if axis == "x" else 1]) > 30
    )
    rest = [cell for cell in cells[1:] if cell != second_cell]
    first["x"], first["y"] = first_cell
    second["x"], second["y"] = second_cell
    query = {
        "family": "position",
        "args": [first["colour"], first["shape"], relation, second["colour"], second["shape"]],
    }
    if answer(query, _scene([first, second])) != ("yes" if slot % 2 == 0 else "no"):
        first["x"], first["y"], second["x"], second["y"] = second["x"], second["y"], first["x"], first["y"]
    distractors = _distractor_shapes(
        generator, rest, int(generator.integers(0, 3)), avoid=(describe(first), describe(second))
    )
    swapped = [dict(first, x=second["x"], y=second["y"]), dict(second, x=first["x"], y=first["y"])]
    return query, _scene([first, second, *distractors]), _scene([*swapped, *distractors]), None


def _sign_with_distractors(
    generator: np.random.Generator, label: str, max_distractors: int
) -> list[SceneObject]:
    """A sign centred in a seeded row, and small shapes in the other rows."""
    row = int(generator.integers(3))
    sign = _obj("sign", "", (SIZE // 2, _CENTRES[row]), 0, label)
    rows = tuple(other for other in range(3) if other != row)
    return [
        sign,
        *_distractor_shapes(
            generator, _cells(generator, rows), int(generator.integers(0, max_distractors + 1))
        ),
    ]


def _text(generator: np.random.Generator, index: int, slot: int) -> Draft:
    gold, counter, *others = pick(generator, SIGN_WORDS, 4)
    objects = _sign_with_distractors(generator, gold, 3)
    cf_objects = [dict(objects[0], label=counter), *objects[1:]]
    options = options_with_gold(generator, gold, [counter, *others], slot % 4)
    return {"family": "text", "args": []}, _scene(objects), _scene(cf_objects), options


def _size(generator: np.random.Generator, index: int, slot: int) -> Draft:
    first, second = _two_objects(generator)
    cells = _cells(generator)
    (first["x"], first["y"]), (second["x"], second["y"]) = cells[0], cells[1]
    first["size"], second["size"] = (26, 13) if generator.integers(2) else (13, 26)
    distractors = _distractor_shapes(
        generator, cells[2:], int(generator.integers(0, 3)), avoid=(describe(first), describe(second))
    )
    larger, smaller = (first, second) if first["size"] > second["size"] else (second, first)
    options = options_with_gold(generator, describe(larger), [describe(smaller)], slot % 2)
    swapped = [dict(first, size=second["size"]), dict(second, size=first["size"])]
    query = {"family": "size", "args": [first["colour"], first["shape"], second["colour"], second["shape"]]}
    return query, _scene([first, second, *distractors]), _scene([*swapped, *distractors]), options


def _prior_colour(generator: np.random.Generator, index: int, slot: int) -> Draft:
    produce = list(PRODUCE_COLOURS)[index % len(PRODUCE_COLOURS)]
    usual = PRODUCE_COLOURS[produce]
    counter, *others = pick(generator, COLOURS, 3, exclude=(usual,))
    item = _obj(produce, usual, (SIZE // 2 + int(generator.integers(-8, 9)), 100), 30, produce)
    corners = [(_CENTRES[column], _CENTRES[row]) for column in (0, 2) for row in (0, 2)]
    distractors = _distractor_shapes(generator, pick(generator, corners, 4), int(generator.integers(0, 3)))
    options = options_with_gold(generator, usual, [counter, *others], slot % 4)
    query = {"family": "prior_colour", "args": [produce]}
    return query, _scene([item, *distractors]), _scene([dict(item, colour=counter), *distractors]), options


def _prior_capital(generator: np.random.Generator, index: int, slot: int) -> Draft:
    country = list(CAPITALS)[index % len(CAPITALS)]
    capital, decoy = CAPITALS[country]
    cities = [city for other, pair in CAPITALS.items() if other != country for city in pair]
    objects = _sign_with_distractors(generator, f"Capital of {country}:\n{capital}", 2)
    cf_objects = [dict(objects[0], label=f"Capital of {country}:\n{decoy}"), *objects[1:]]
    options = options_with_gold(generator, capital, [decoy, *pick(generator, cities, 2)], slot % 4)
    return {"family": "prior_capital", "args": [country]}, _scene(objects), _scene(cf_objects), options


#: family -> its drafter(generator, item index, gold slot = index + the family's gold shift).
_DRAFTERS: dict[str, Callable[[np.random.Generator, int, int], Draft]] = {
    "colour": partial(_attribute, "colour"),
    "count": _count,
    "position": _position,
    "shape": partial(_attribute, "shape"),
    "text": _text,
    "size": _size,
    "prior_colour": _prior_colour,
    "prior_capital": _prior_capital,
}


def _gold(query: Query, scene: Scene, options: list[str] | None, item_id: str) -> str:
    """The gold in the item's answer form (option letter or yes/no), checked against the scene."""
    found = answer(query, scene)
    if found is None or (options is not None and found not in options):
        raise AssertionError(f"{item_id}: the scene gives {found!r}, not one of {options}")
    return found if options is None else choice_letters(len(options))[options.index(found)]


def make_item(family: str, index: int, seed: int = 0) -> Item:
    """Item ``index`` of ``family``: query, scenes, options, gold and counterfactual gold."""
    item_id = f"synth-{family}-{index:03d}"
    generator = rng("modbias_synth", seed, family, index)
    query, scene, cf_scene, options = _DRAFTERS[family](generator, index, index + GOLD_SHIFTS[family])
    target, cf_target = _gold(query, scene, options, item_id), _gold(query, cf_scene, options, item_id)
    if target == cf_target:
        raise AssertionError(f"{item_id}: the counterfactual scene keeps the answer {target!r}")
    answer_type = "yesno" if options is None else "mcq"
    return {
        "id": item_id,
        "category": family,
        "answer_type": answer_type,
        "question": question_text(query),
        "query": query,
        "options": options or [],
        "target": target,
        "cf_target": cf_target,
        "chance": chance_level(answer_type, options),
        "scene": scene,
        "cf_scene": cf_scene,
    }


def generate_items(per_family: int = 80, seed: int = 0) -> list[Item]:
    """:func:`~mb_tasks.benchmarks.synth.drafting.interleaved_items` of :func:`make_item`."""
    return interleaved_items(make_item, FAMILIES, per_family, seed)


def main(argv: list[str] | None = None) -> None:
    run_generator(argv, __doc__.splitlines()[0], generate_items, 80, DEFAULT_ITEMS_PATH)


if __name__ == "__main__":
    main()
