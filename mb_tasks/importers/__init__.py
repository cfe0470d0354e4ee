"""Importers: other tools' and papers' per-item answers as modbias records (one module per format).

Each format module has ``read(request: ImportRequest) -> ImportResult``; ``import_records`` picks it
by name. See ``mb_tasks.importers.base`` for what every record keeps (``source``, ``scored_by``).
"""

from __future__ import annotations

import importlib

from mb_tasks.importers.base import ImportRequest, ImportResult

#: Format name -> module (under mb_tasks.importers), in the order ``modbias import --help`` lists them.
FORMATS: dict[str, str] = {
    "vlmevalkit": "vlmevalkit",
    "lmms-eval-samples": "lmms_eval_samples",
    "generic": "generic",
    "hallusionbench": "hallusionbench",
    "mathvista": "mathvista",
    "mathv": "mathv",
    "visonlyqa": "visonlyqa",
}


def import_records(format_name: str, request: ImportRequest) -> ImportResult:
    """The records (and problems) of the request's files read as ``format_name``."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}; expected one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"mb_tasks.importers.{FORMATS[format_name]}")
    return module.read(request)


__all__ = ["FORMATS", "ImportRequest", "ImportResult", "import_records"]
