"""Progress bars on stderr for long work (reading many sample files, bootstrapping many benchmarks).

Shown when stderr is a terminal and the work lasts over half a second; ``MODBIAS_PROGRESS=1`` forces
them on (e.g. in logs), ``MODBIAS_PROGRESS=0`` off. Standard output stays clean for the tables.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from tqdm import tqdm

Item = TypeVar("Item")


def _options() -> dict[str, Any]:
    """tqdm's display options under MODBIAS_PROGRESS (and whether stderr is a terminal)."""
    setting = os.environ.get("MODBIAS_PROGRESS", "")
    if setting == "1":
        return {"disable": False, "delay": 0.0, "leave": True}
    # disable=None: tqdm's own "off unless stderr is a terminal".
    return {"disable": True if setting == "0" else None, "delay": 0.5, "leave": False}


def progress(
    iterable: Iterable[Item], description: str, *, total: int | None = None, unit: str = "it"
) -> Iterator[Item]:
    """``iterable``, with a progress bar on stderr while it is consumed."""
    return iter(tqdm(iterable, desc=description, total=total, unit=unit, file=sys.stderr, **_options()))


def progress_bar(description: str, *, total: int, unit: str = "it") -> tqdm:
    """A progress bar on stderr moved by hand (``update(n)``, e.g. by bytes read); a context manager
    that closes it. Units of "B" are shown scaled (kB, MB, ...)."""
    return tqdm(
        desc=description, total=total, unit=unit, unit_scale=unit == "B", file=sys.stderr, **_options()
    )
