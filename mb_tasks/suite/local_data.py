"""Running the tasks from local dataset copies (``modbias run --data-dir DIR``) or under a plan
(``modbias run --plan FILE``, :mod:`mb_tasks.suite.planned`).

``DIR/<benchmark>/`` (the lmms-eval task name: ``DIR/mmstar``, ``DIR/scienceqa_img``) is a
``datasets.DatasetDict`` saved with ``save_to_disk``; a video task's videos stay where its base task
reads them (``$HF_HOME/<cache_dir>/``, checked here). A derived task tree is written where every task
YAML is a stub that includes the real one and overrides only where the data comes from
(``dataset_path: DIR/<benchmark>``, ``dataset_kwargs: {load_from_disk: true}``, lmms-eval's own
offline switch) and, for a planned task, its ``metadata`` with its own ``process_docs`` binding
(the tree's ``utils.py``); groups are copied, and the plan's group added. Tasks whose data ships
next to their YAML keep it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from mb_tasks.suite.bindings import binding_name, render_utils
from mb_tasks.suite.index import SuiteIndex, TaskEntry, suite_index
from mb_tasks.suite.planned import PLAN_GROUP, plan_group, planned_config, read_plan


def copy_command(entry: TaskEntry, target: Path) -> str:
    """The one-liner that makes the task's local copy on a machine with internet access."""
    name = entry.config.get("dataset_name")
    load = f"load_dataset({str(entry.config.get('dataset_path'))!r}" + (f", {str(name)!r})" if name else ")")
    return f'python -c "from datasets import load_dataset; {load}.save_to_disk({str(target)!r})"'


def local_copy_problem(entry: TaskEntry, data_dir: Path) -> str | None:
    """One line saying what is wrong with the task's local copy (None if it is usable): which
    benchmark, which path, and how to make it."""
    target = data_dir / entry.benchmark
    split = str(entry.config.get("test_split"))
    manifest = target / "dataset_dict.json"
    if not manifest.is_file():
        found = (
            "is a single Dataset, not a DatasetDict"
            if (target / "dataset_info.json").is_file()
            else "is missing"
        )
        return (
            f"{entry.name}: the local copy of {entry.benchmark} ({entry.config.get('dataset_path')}) at "
            f"{target} {found}; make it with: {copy_command(entry, target)}"
        )
    splits = json.loads(manifest.read_text(encoding="utf-8")).get("splits", [])
    if split not in splits:
        return (
            f"{entry.name}: the local copy of {entry.benchmark} at {target} has splits {splits}, not "
            f"{split!r}; make it with: {copy_command(entry, target)}"
        )
    return None


def hf_home() -> Path:
    """``$HF_HOME``, else ``~/.cache/huggingface``: where lmms-eval's video tasks keep their videos."""
    return Path(os.environ.get("HF_HOME") or "~/.cache/huggingface").expanduser()


def video_folder_problem(entry: TaskEntry, home: Path) -> str | None:
    """One line when the task's base videos are not where lmms-eval's base task reads them
    (``home/<dataset_kwargs.cache_dir>``, a folder lmms-eval downloads only from the hub); None when
    they are, or the task has none."""
    options = entry.config.get("dataset_kwargs") or {}
    if not options.get("video"):
        return None
    folder = home / str(options.get("cache_dir"))
    if folder.is_dir():
        return None
    return (
        f"{entry.name}: the videos of {entry.benchmark} are not at {folder} (lmms-eval's {entry.benchmark} "
        f"reads them from $HF_HOME/{options.get('cache_dir')}/); copy that folder there, or set HF_HOME "
        "to the folder that holds it"
    )


def local_copy_problems(entries: Iterable[TaskEntry], data_dir: Path) -> list[str]:
    """The problem line of every task (needing hub data) whose local copy is unusable, or whose
    videos are not where its base task reads them."""
    needed = [entry for entry in entries if entry.uses_hub_data]
    problems = [
        local_copy_problem(entry, data_dir) or video_folder_problem(entry, hf_home()) for entry in needed
    ]
    return [problem for problem in problems if problem is not None]


class _Function(str):
    """A value written as lmms-eval's ``!function module.name`` tag."""


class _Dumper(yaml.SafeDumper):
    """A safe dumper that writes :class:`_Function` values as ``!function`` tags."""


_Dumper.add_representer(_Function, lambda dumper, value: dumper.represent_scalar("!function", str(value)))


def _write_yaml(path: Path, content: Mapping[str, Any]) -> None:
    path.write_text(yaml.dump(dict(content), Dumper=_Dumper, sort_keys=False), encoding="utf-8")


def write_local_tree(
    index: SuiteIndex,
    data_dir: Path | None,
    out_dir: Path,
    plan: Mapping[str, Mapping[str, Any]] | None = None,
) -> Path:
    """A task folder in ``out_dir`` defining the same tasks and groups, reading hub datasets from
    ``data_dir`` (when given) and running each task of ``plan`` (task -> ``metadata.modbias``
    settings) under its planned settings, in the group :data:`PLAN_GROUP`; returns ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = plan or {}
    for name, entry in index.tasks.items():
        stub: dict[str, object] = {"include": str(entry.path.resolve()), "task": name}
        if data_dir is not None and entry.uses_hub_data:
            stub["dataset_path"] = str((data_dir / entry.benchmark).resolve())
            stub["dataset_kwargs"] = {"load_from_disk": True}
        if name in plan:
            stub["process_docs"] = _Function(f"utils.{binding_name(name)}")
            stub["metadata"] = planned_config(entry.config, plan[name])
        _write_yaml(out_dir / f"{name}.yaml", stub)
    for name, path in index.group_paths.items():
        shutil.copyfile(path, out_dir / f"{name}.yaml")
    if plan:
        _write_yaml(out_dir / f"{PLAN_GROUP}.yaml", plan_group(plan))
        text = render_utils(out_dir.name, {task: f"{task}.yaml" for task in plan})
        (out_dir / "utils.py").write_text(text, encoding="utf-8")
    return out_dir


class LocalDataError(ValueError):
    """Local copies that cannot serve the requested tasks; one line per task."""


@contextmanager
def local_task_folder(
    data_dir: Path | None, tasks: Sequence[str], task_yamls: Path, plan_file: Path | None = None
) -> Iterator[Path]:
    """The task folder to include: ``task_yamls`` itself without ``data_dir`` and ``plan_file``;
    otherwise a temporary task tree reading every task of ``tasks`` (task or group names, the plan's
    group included) from ``data_dir``, after checking that each local copy exists
    (:class:`LocalDataError` with one line per missing copy), and running the plan's tasks under it
    (:class:`~mb_tasks.suite.planned.PlanError` for a plan that cannot run)."""
    if data_dir is None and plan_file is None:
        yield task_yamls
        return
    index = suite_index(task_yamls)
    plan = read_plan(plan_file, index) if plan_file is not None else {}
    if data_dir is not None:
        wanted = [name for task in tasks for name in (plan if task == PLAN_GROUP else [task])]
        problems = local_copy_problems(index.expand(wanted), data_dir)
        if problems:
            raise LocalDataError("\n".join(problems))
    with tempfile.TemporaryDirectory(prefix="modbias_tasks_") as folder:
        yield write_local_tree(index, data_dir, Path(folder), plan)
