"""Each metric's formula, taken from the one place it is written: the first paragraph of the
docstring of its function in :mod:`mb_tasks.metrics.definitions` (``name = formula``)."""

from __future__ import annotations

import inspect
import re
from functools import cache

from mb_tasks.metrics import definitions

#: "mg_k (and vrs_mismatch) = ..." -> names "mg_k" and "vrs_mismatch".
_HEAD = re.compile(r"^(?P<name>[a-z_]+)(?: \(and (?P<also>[a-z_]+)\))? = ")


@cache
def formulas() -> dict[str, str]:
    """Metric name (or family ``..._k``) -> "name = formula", from the definitions' docstrings."""
    found: dict[str, str] = {}
    for _, function in inspect.getmembers(definitions, inspect.isfunction):
        if function.__module__ != definitions.__name__ or not function.__doc__:
            continue
        paragraph = " ".join(inspect.cleandoc(function.__doc__).split("\n\n")[0].split())
        head = _HEAD.match(paragraph)
        if head:
            for name in filter(None, (head["name"], head["also"])):
                found[name] = paragraph
    return found


def formula(metric: str) -> str | None:
    """The formula line for a concrete metric name (``acc_no_image`` matches the family ``acc_k``)."""
    table = formulas()
    if metric in table:
        return table[metric]
    families = (f"{metric[:cut]}_k" for cut, char in enumerate(metric) if char == "_")
    return next((table[family] for family in families if family in table), None)
