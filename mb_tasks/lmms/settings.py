"""A modbias task's settings, read from its YAML (``metadata.modbias``) and the model's
``lmms_eval_specific_kwargs``.

YAML keys (all under ``metadata: {modbias: {...}}``):

- ``benchmark``: the adapter name (default: the task name without ``modbias_``);
- ``variants``: the variants to run (default: the adapter's ``default_variants``);
- ``seed``: the seed of every random choice (default 0);
- ``max_items``: keep at most this many items, a fixed seeded subset (``mb_tasks.suite.subset``;
  whole clusters for adapters that need them; the lite tasks use 300; default: every item).

The ``no_image`` policy comes from ``lmms_eval_specific_kwargs`` keyed by model name: the key
``modbias_no_image`` is ``text_only`` (no image at all) or ``gray_image`` (a uniform gray image of the
original size). Wrappers known to mishandle text-only requests default to ``gray_image``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mb_tasks.benchmarks.base import adapter, validate_variants

TEXT_ONLY, GRAY_IMAGE = "text_only", "gray_image"
BLIND_MODES: tuple[str, ...] = (TEXT_ONLY, GRAY_IMAGE)

#: lmms-eval wrappers that mishandle text-only requests (the chat llava_hf crashes and answers empty,
#: the simple one silently reuses the previous request's image), and the fallback they get.
BLIND_MODE_DEFAULTS: dict[str, str] = {"llava_hf": GRAY_IMAGE}

#: The ``lmms_eval_specific_kwargs`` key that overrides the default.
BLIND_MODE_KEY = "modbias_no_image"


@dataclass(frozen=True)
class TaskSettings:
    """What expansion needs: the benchmark, its variants, the seed and the no_image policy."""

    benchmark: str
    variants: tuple[str, ...]
    seed: int = 0
    blind_mode: str = TEXT_ONLY
    max_items: int | None = None

    def __post_init__(self) -> None:
        if self.blind_mode not in BLIND_MODES:
            raise ValueError(f"{BLIND_MODE_KEY}: {self.blind_mode!r} is not one of {', '.join(BLIND_MODES)}")


def blind_mode_for(model_name: str | None, model_kwargs: Mapping[str, Any] | None) -> str:
    """The no_image policy: the model's ``modbias_no_image`` kwarg, else the wrapper's default."""
    if model_kwargs and model_kwargs.get(BLIND_MODE_KEY):
        return str(model_kwargs[BLIND_MODE_KEY])
    return BLIND_MODE_DEFAULTS.get(model_name or "", TEXT_ONLY)


def settings_from_config(
    task_name: str,
    metadata: Mapping[str, Any] | None,
    model_name: str | None,
    model_kwargs: Mapping[str, Any] | None,
) -> TaskSettings:
    """The settings of task ``task_name`` from its YAML ``metadata`` and the resolved model kwargs."""
    options = dict((metadata or {}).get("modbias") or {})
    unknown = set(options) - {"benchmark", "variants", "seed", "max_items"}
    if unknown:
        raise ValueError(f"task {task_name}: unknown metadata.modbias key(s) {sorted(unknown)}")
    benchmark = str(options.get("benchmark") or task_name.removeprefix("modbias_"))
    variants = options.get("variants") or adapter(benchmark).default_variants
    return TaskSettings(
        benchmark=benchmark,
        variants=validate_variants(list(variants)),
        seed=int(options.get("seed", 0)),
        blind_mode=blind_mode_for(model_name, model_kwargs),
        max_items=int(options["max_items"]) if options.get("max_items") is not None else None,
    )
