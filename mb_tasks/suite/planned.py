"""Plans that ``modbias run --plan FILE`` takes: per task the items and variants to run (and for a
video benchmark the frames sampled from each video).

A plan file (``modbias plan --half-width H --write FILE`` writes one) is YAML::

    tasks:
      modbias_mmstar: {max_items: 1500, variants: [original, no_image, misleading_hint]}
      modbias_videomme: {video_frames: 32}

Each planned task keeps its name and runs with those ``metadata.modbias`` settings; the group
:data:`PLAN_GROUP` holds the planned tasks, so ``--tasks modbias_plan`` runs the whole plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from mb_tasks.benchmarks.base import adapter, validate_variants
from mb_tasks.suite.index import SuiteIndex

PLAN_GROUP = "modbias_plan"
_KEYS = frozenset({"max_items", "variants", "video_frames"})


class PlanError(ValueError):
    """A plan file that cannot be run; the message names the file and the problem."""


def _task_settings(path: Path, task: str, settings: object, modality: str) -> dict[str, Any]:
    where = f"{path}: task {task}"
    if not isinstance(settings, Mapping) or not set(settings) <= _KEYS:
        raise PlanError(f"{where}: expected a mapping with keys {sorted(_KEYS)}, got {settings!r}")
    checked: dict[str, Any] = {}
    if "max_items" in settings:
        items = settings["max_items"]
        if isinstance(items, bool) or not isinstance(items, int) or items < 1:
            raise PlanError(f"{where}: max_items must be a whole number of at least 1, got {items!r}")
        checked["max_items"] = items
    if "video_frames" in settings:
        frames = settings["video_frames"]
        if modality != "video":
            raise PlanError(f"{where}: video_frames applies to video benchmarks only")
        if isinstance(frames, bool) or not isinstance(frames, int) or frames < 1:
            raise PlanError(f"{where}: video_frames must be a whole number of at least 1, got {frames!r}")
        checked["video_frames"] = frames
    if "variants" in settings:
        variants = settings["variants"]
        if not isinstance(variants, list) or not variants:
            raise PlanError(f"{where}: variants must be a non-empty list, got {variants!r}")
        try:
            checked["variants"] = list(validate_variants([str(v) for v in variants]))
        except ValueError as error:
            raise PlanError(f"{where}: {error}") from None
    return checked


def read_plan(path: Path, index: SuiteIndex) -> dict[str, dict[str, Any]]:
    """task -> its planned ``metadata.modbias`` settings, checked against the suite's tasks."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PlanError(f"{path}: cannot read the plan: {error}") from None
    tasks = loaded.get("tasks") if isinstance(loaded, dict) else None
    if not isinstance(tasks, dict) or not tasks:
        raise PlanError(f"{path}: expected a mapping 'tasks: {{task: {{max_items, variants}}}}'")
    unknown = sorted(str(task) for task in tasks if task not in index.tasks)
    if unknown:
        raise PlanError(f"{path}: no modbias task is named {', '.join(unknown)}")
    return {
        str(task): _task_settings(path, str(task), settings, adapter(index.tasks[task].benchmark).modality)
        for task, settings in tasks.items()
    }


def planned_config(config: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The task's ``metadata`` with the planned settings over its own ``metadata.modbias``."""
    metadata = dict(config.get("metadata") or {})
    return {**metadata, "modbias": {**(metadata.get("modbias") or {}), **settings}}


def plan_group(tasks: Mapping[str, Any]) -> dict[str, Any]:
    """The group YAML of the planned tasks."""
    return {"group": PLAN_GROUP, "task": list(tasks)}
