"""The ``lmms_eval.models`` entry point: lmms-eval calls :func:`manifests` when it builds its model
registry. Each model has a chat class (lmms-eval's default) and a simple class (``--force_simple``)."""

from __future__ import annotations

from lmms_eval.models.registry_v2 import ModelManifest

#: model name -> class name in :mod:`mb_tasks.models.reference` (the chat class adds "Chat").
REFERENCE_MODELS: dict[str, str] = {
    "modbias_oracle": "Oracle",
    "modbias_blind": "Blind",
    "modbias_text_follower": "TextFollower",
    "modbias_leaky": "Leaky",
}


def manifests() -> list[ModelManifest]:
    """One manifest per reference model."""
    return [
        ModelManifest(
            model_id=name,
            simple_class_path=f"mb_tasks.models.reference.{class_name}",
            chat_class_path=f"mb_tasks.models.reference.{class_name}Chat",
        )
        for name, class_name in REFERENCE_MODELS.items()
    ]
