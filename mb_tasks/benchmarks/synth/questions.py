"""Question families: a query is ``{"family", "args"}``; its text, the parse back from text, and the
answer a scene gives it (a pure function of query and scene)."""

from __future__ import annotations

import re
from typing import Any

from mb_tasks.benchmarks.synth.scene import Scene, SceneObject

Query = dict[str, Any]

#: Families whose image contradicts common knowledge in the counterfactual scene.
PRIOR_FAMILIES: tuple[str, ...] = ("prior_colour", "prior_capital")
#: Every family, in item order.
FAMILIES: tuple[str, ...] = ("colour", "count", "position", "shape", "text", "size", *PRIOR_FAMILIES)
RELATIONS: tuple[str, ...] = ("to the left of", "to the right of", "above", "below")

_TEMPLATES: dict[str, str] = {
    "colour": "What colour is the {0}?",
    "count": "How many {0}s are there in the image?",
    "position": "Is the {0} {1} {2} the {3} {4}?",
    "shape": "What shape is the {0} object?",
    "text": "What word is written on the sign?",
    "size": "Which is larger, the {0} {1} or the {2} {3}?",
    "prior_colour": "What colour is the {0} in the image?",
    "prior_capital": "According to the sign, what is the capital of {0}?",
}
_WORD = r"([A-Za-z]+)"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "prior_colour": re.compile(rf"What colour is the {_WORD} in the image\?"),
    "colour": re.compile(rf"What colour is the {_WORD}\?"),
    "count": re.compile(rf"How many {_WORD}s are there in the image\?"),
    "position": re.compile(rf"Is the {_WORD} {_WORD} ({'|'.join(RELATIONS)}) the {_WORD} {_WORD}\?"),
    "shape": re.compile(rf"What shape is the {_WORD} object\?"),
    "text": re.compile(r"What word is written on the sign\?()"),
    "size": re.compile(rf"Which is larger, the {_WORD} {_WORD} or the {_WORD} {_WORD}\?"),
    "prior_capital": re.compile(rf"According to the sign, what is the capital of {_WORD}\?"),
}


def question_text(query: Query) -> str:
    """The question a query asks, in words."""
    return _TEMPLATES[query["family"]].format(*query["args"])


def parse_question(text: str) -> Query | None:
    """The query whose question appears in ``text`` (e.g. a whole prompt), or None."""
    for family, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match:
            return {"family": family, "args": [group for group in match.groups() if group]}
    return None


def describe(obj: SceneObject) -> str:
    """How questions and options name an object: "red circle"."""
    return f"{obj['colour']} {obj['shape']}"


def _only(objects: list[SceneObject]) -> SceneObject | None:
    return objects[0] if len(objects) == 1 else None


def _find(scene: Scene, **fields: Any) -> SceneObject | None:
    return _only([obj for obj in scene["objects"] if all(obj[key] == value for key, value in fields.items())])


def _relation_holds(first: SceneObject, relation: str, second: SceneObject) -> bool | None:
    """Whether ``first`` is ``relation`` ``second`` by centres; None when they are level on that axis."""
    axis = "x" if relation in ("to the left of", "to the right of") else "y"
    if first[axis] == second[axis]:
        return None
    before = first[axis] < second[axis]
    return before if relation in ("to the left of", "above") else not before


def answer(query: Query, scene: Scene) -> str | None:
    """The answer the scene gives the query (option text, a count, "yes"/"no"), or None when the
    scene does not determine it (an object it names is absent or not unique)."""
    family, args = query["family"], query["args"]
    if family in ("colour", "prior_colour"):
        found = _find(scene, shape=args[0])
        return found["colour"] if found else None
    if family == "count":
        return str(sum(obj["shape"] == args[0] for obj in scene["objects"]))
    if family == "shape":
        found = _only(
            [obj for obj in scene["objects"] if obj["shape"] != "sign" and obj["colour"] == args[0]]
        )
        return found["shape"] if found else None
    if family == "position":
        first, second = (
            _find(scene, colour=args[0], shape=args[1]),
            _find(scene, colour=args[3], shape=args[4]),
        )
        holds = _relation_holds(first, args[2], second) if first and second else None
        return None if holds is None else ("yes" if holds else "no")
    if family == "size":
        first, second = (
            _find(scene, colour=args[0], shape=args[1]),
            _find(scene, colour=args[2], shape=args[3]),
        )
        if not first or not second or first["size"] == second["size"]:
            return None
        return describe(max(first, second, key=lambda obj: obj["size"]))
    if family == "text":
        sign = _find(scene, shape="sign")
        return sign["label"] if sign else None
    if family == "prior_capital":
        heading = f"Capital of {args[0]}:"
        signs = [
            obj for obj in scene["objects"] if obj["shape"] == "sign" and obj["label"].startswith(heading)
        ]
        return signs[0]["label"].split("\n", 1)[1] if len(signs) == 1 else None
    raise ValueError(f"unknown question family {family!r}")
