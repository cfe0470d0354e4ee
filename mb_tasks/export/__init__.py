"""``modbias export``: a model's results in the formats public leaderboards take in, one module per
format, each with ``write(job, out) -> Written``.

- ``every-eval-ever``: Every Eval Ever logs (schema 0.3.0) with instance-level records;
- ``hf-model-card``: Hugging Face model-card metadata (``model-index``), made with huggingface_hub;
- ``openvlm``: an Open VLM Leaderboard fragment (``OpenVLM.json``'s ``results`` shape);
- ``mmstar-submission``: the three spreadsheets MMStar's leaderboard asks for.

Which metrics are exported and their direction come from the metric catalogue
(:func:`mb_tasks.metrics.catalogue.directions`); the compact formats carry the leaderboard's headline
metrics (:data:`mb_tasks.metrics.catalogue.LEADERBOARD_METRICS`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from mb_tasks.export.job import ExportJob, Written

#: Format name -> the module that writes it.
FORMATS: dict[str, str] = {
    "every-eval-ever": "every_eval_ever",
    "hf-model-card": "hf_model_card",
    "openvlm": "openvlm",
    "mmstar-submission": "mmstar_submission",
}


def writer(file_format: str) -> Callable[[ExportJob, Path], Written]:
    """The ``write`` function of a format (imported on demand: some formats need heavy libraries)."""
    return importlib.import_module(f"mb_tasks.export.{FORMATS[file_format]}").write


__all__ = ["FORMATS", "ExportJob", "Written", "writer"]
