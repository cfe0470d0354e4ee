"""An index of the suite's task folder: every task YAML and group YAML, read without importing
lmms-eval (``!function`` tags are kept as text, ``include`` is followed like lmms-eval does)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml


class _TagKeepingLoader(yaml.SafeLoader):
    """A safe loader that reads ``!function module.name`` as the string ``module.name``."""


_TagKeepingLoader.add_constructor("!function", lambda loader, node: loader.construct_scalar(node))


def tag_keeping_load(path: Path) -> dict[str, Any]:
    """The YAML file's own settings (its ``include`` not followed), ``!function`` tags as their text."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TagKeepingLoader) or {}


def read_task_config(path: Path) -> dict[str, Any]:
    """The YAML's settings with its ``include`` chain merged in (an including file overrides the
    included one, key by key, as in lmms-eval's ``load_yaml_config``, which imports torch)."""
    config = tag_keeping_load(path)
    included = config.pop("include", None)
    merged: dict[str, Any] = {}
    for name in reversed([included] if isinstance(included, str) else included or []):
        target = Path(name) if Path(name).is_file() else path.parent / name
        merged.update(read_task_config(target))
    merged.update(config)
    return merged


@dataclass(frozen=True)
class TaskEntry:
    """One task YAML: its name, file and the settings that decide where its data comes from."""

    name: str
    path: Path
    config: dict[str, Any]

    @property
    def benchmark(self) -> str:
        """The adapter name, which is also the folder of its local copy (the lmms-eval task name)."""
        options = (self.config.get("metadata") or {}).get("modbias") or {}
        return str(options.get("benchmark") or self.name.removeprefix("modbias_"))

    @property
    def uses_hub_data(self) -> bool:
        """True when the task loads a hub dataset (not files shipped next to its YAML)."""
        return "data_files" not in (self.config.get("dataset_kwargs") or {})


@dataclass(frozen=True)
class SuiteIndex:
    """The tasks and groups of a task folder."""

    tasks: dict[str, TaskEntry]
    groups: dict[str, tuple[str, ...]]
    group_paths: dict[str, Path]

    def expand(self, names: Iterable[str]) -> list[TaskEntry]:
        """The tasks that ``names`` (task or group names) run, groups expanded, each once; names this
        folder does not define (lmms-eval's own tasks) are left out."""
        found: dict[str, TaskEntry] = {}
        pending = list(names)
        seen: set[str] = set()
        while pending:
            name = pending.pop(0)
            if name in seen:
                continue
            seen.add(name)
            if name in self.groups:
                pending[:0] = self.groups[name]
            elif name in self.tasks:
                found[name] = self.tasks[name]
        return list(found.values())


def read_suite_index(task_yamls: Path) -> SuiteIndex:
    """Every ``*.yaml`` under ``task_yamls``: a task (``task:``) or a group (``group:``, ``task:`` list)."""
    tasks: dict[str, TaskEntry] = {}
    groups: dict[str, tuple[str, ...]] = {}
    group_paths: dict[str, Path] = {}
    for path in sorted(task_yamls.rglob("*.yaml")):
        config = read_task_config(path)
        if "group" in config:
            members = config.get("task") or []
            groups[str(config["group"])] = tuple(str(member) for member in members)
            group_paths[str(config["group"])] = path
        elif isinstance(config.get("task"), str):
            tasks[config["task"]] = TaskEntry(config["task"], path, config)
    return SuiteIndex(tasks, groups, group_paths)


@cache
def suite_index(task_yamls: Path) -> SuiteIndex:
    """:func:`read_suite_index`, read once per process (the shipped folder does not change)."""
    return read_suite_index(task_yamls)
