"""Progress bars on stderr for long work (reading many sample files, bootstrapping many benchmarks).

Shown when stderr is a terminal and the work lasts over half a second; ``MODBIAS_PROGRESS=1`` forces
them on (e.g. in logs), ``MODBIAS_PROGRESS=0`` off. Standard output stays clean for the tables.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

Item = TypeVar("Item")


def progress(
    iterable: Iterable[Item], description: str, *, total: int | None = None, unit: str = "it"
) -> Iterator[Item]:
    """``iterable``, with a progress bar on stderr while it is consumed."""
    setting = os.environ.get("MODBIAS_PROGRESS", "")
    if setting == "1":
        options = {"disable": False, "delay": 0.0, "leave": True}
    else:
        # disable=None: tqdm's own "off unless stderr is a terminal".
        options = {"disable": True if setting == "0" else None, "delay": 0.5, "leave": False}
    return iter(tqdm(iterable, desc=description, total=total, unit=unit, file=sys.stderr, **options))
