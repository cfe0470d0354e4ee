"""A modbias task's settings, read from its YAML (``metadata.modbias``), and the per-model no_image
policy, read from the ``lmms_eval_specific_kwargs`` lmms-eval resolves for the model.

YAML keys (all under ``metadata: {modbias: {...}}``):

- ``benchmark``: the adapter name (default: the task name without ``modbias_``);
- ``variants``: the variants to run (default: the adapter's ``default_variants``);
- ``seed``: the seed of every random choice (default 0);
- ``max_items``: keep at most this many items, a fixed seeded subset (``mb_tasks.suite.subset``;
  whole clusters for adapters that need them; the lite tasks use 300; default: every item);
- ``video_frames``: for a benchmark of video files, how many frames its clip-changing variants
  sample from each video (default: the adapter's ``sampled_frames``; set it to the frame count your
  model samples, so that the original and its variants show the model as many frames).

The ``no_image`` policy is the key ``modbias_no_image`` of the model's ``lmms_eval_specific_kwargs``
(lmms-eval picks the model's own entry, else ``default``): ``text_only`` (no image at all, the
default) or ``gray_image`` (a uniform gray image of the original size). Every task YAML gives the
wrappers of :data:`BLIND_MODE_DEFAULTS` their policy (tests/lmms/test_settings.py checks it), so one
expansion serves every model and the policy is applied when a request is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mb_tasks.benchmarks.base import adapter, validate_variants

TEXT_ONLY, GRAY_IMAGE = "text_only", "gray_image"
BLIND_MODES: tuple[str, ...] = (TEXT_ONLY, GRAY_IMAGE)

#: lmms-eval wrappers that mishandle text-only requests (the chat llava_hf crashes and answers empty,
#: the simple one silently reuses the previous request's image), and the policy every task YAML's
#: ``lmms_eval_specific_kwargs`` gives them.
BLIND_MODE_DEFAULTS: dict[str, str] = {"llava_hf": GRAY_IMAGE}

#: The ``lmms_eval_specific_kwargs`` key that sets the policy.
BLIND_MODE_KEY = "modbias_no_image"

#: The ``metadata.modbias`` keys a task YAML may set.
SETTING_KEYS = frozenset({"benchmark", "variants", "seed", "max_items", "video_frames"})


@dataclass(frozen=True)
class TaskSettings:
    """What expansion needs: the benchmark, its variants, the seed, the subset size and the frames
    sampled from a video (None: the adapter's default)."""

    benchmark: str
    variants: tuple[str, ...]
    seed: int = 0
    max_items: int | None = None
    video_frames: int | None = None


def checked_blind_mode(mode: object) -> str:
    """``mode`` if it is a no_image policy; ValueError naming the key and the choices otherwise."""
    if mode not in BLIND_MODES:
        raise ValueError(f"{BLIND_MODE_KEY}: {mode!r} is not one of {', '.join(BLIND_MODES)}")
    return str(mode)


def no_image_policy(model_kwargs: Mapping[str, Any] | None) -> str:
    """The no_image policy of a request: the model's ``modbias_no_image`` kwarg, else ``text_only``."""
    return checked_blind_mode((model_kwargs or {}).get(BLIND_MODE_KEY) or TEXT_ONLY)


def settings_from_config(task_name: str, metadata: Mapping[str, Any] | None) -> TaskSettings:
    """The settings of task ``task_name`` from its YAML ``metadata``."""
    options = dict((metadata or {}).get("modbias") or {})
    unknown = set(options) - SETTING_KEYS
    if unknown:
        raise ValueError(f"task {task_name}: unknown metadata.modbias key(s) {sorted(unknown)}")
    benchmark = str(options.get("benchmark") or task_name.removeprefix("modbias_"))
    bench = adapter(benchmark)
    variants = options.get("variants") or bench.default_variants
    return TaskSettings(
        benchmark=benchmark,
        variants=validate_variants(list(variants), bench.modality),
        seed=int(options.get("seed", 0)),
        max_items=int(options["max_items"]) if options.get("max_items") is not None else None,
        video_frames=_video_frames(task_name, options.get("video_frames"), bench.modality),
    )


def _video_frames(task_name: str, value: Any, modality: str) -> int | None:
    """``video_frames`` as a positive int (None when not set); ValueError naming the task otherwise, or
    when its benchmark is not a video one."""
    if value is None:
        return None
    if modality != "video":
        raise ValueError(f"task {task_name}: metadata.modbias.video_frames applies to video benchmarks only")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f"task {task_name}: metadata.modbias.video_frames must be a positive integer, not {value!r}"
        )
    return value
