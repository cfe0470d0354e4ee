"""Running the tasks from local dataset copies (``modbias run --data-dir DIR``).

``DIR/<benchmark>/`` (the lmms-eval task name: ``DIR/mmstar``, ``DIR/scienceqa_img``) is a
``datasets.DatasetDict`` saved with ``save_to_disk``. A local task tree is written where every task
YAML is a stub that includes the real one and overrides only where the data comes from
(``dataset_path: DIR/<benchmark>``, ``dataset_kwargs: {load_from_disk: true}``, lmms-eval's own
offline switch); groups are copied. Tasks whose data ships next to their YAML are left as they are.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import yaml

from mb_tasks.suite.index import SuiteIndex, TaskEntry, suite_index


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


def local_copy_problems(entries: Iterable[TaskEntry], data_dir: Path) -> list[str]:
    """The problem line of every task (needing hub data) whose local copy is unusable."""
    problems = (local_copy_problem(entry, data_dir) for entry in entries if entry.uses_hub_data)
    return [problem for problem in problems if problem is not None]


def write_local_tree(index: SuiteIndex, data_dir: Path, out_dir: Path) -> Path:
    """A task folder in ``out_dir`` defining the same tasks and groups, reading hub datasets from
    ``data_dir``; returns ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, entry in index.tasks.items():
        stub: dict[str, object] = {"include": str(entry.path.resolve()), "task": name}
        if entry.uses_hub_data:
            stub["dataset_path"] = str((data_dir / entry.benchmark).resolve())
            stub["dataset_kwargs"] = {"load_from_disk": True}
        (out_dir / f"{name}.yaml").write_text(yaml.safe_dump(stub, sort_keys=False), encoding="utf-8")
    for name, path in index.group_paths.items():
        shutil.copyfile(path, out_dir / f"{name}.yaml")
    return out_dir


class LocalDataError(ValueError):
    """Local copies that cannot serve the requested tasks; one line per task."""


@contextmanager
def local_task_folder(data_dir: Path | None, tasks: Sequence[str], task_yamls: Path) -> Iterator[Path]:
    """The task folder to include: ``task_yamls`` itself without ``data_dir``; with it, a temporary
    task tree reading every task of ``tasks`` (task or group names) from ``data_dir``, after checking
    that each local copy exists (:class:`LocalDataError` with one line per missing copy)."""
    if data_dir is None:
        yield task_yamls
        return
    index = suite_index(task_yamls)
    problems = local_copy_problems(index.expand(tasks), data_dir)
    if problems:
        raise LocalDataError("\n".join(problems))
    with tempfile.TemporaryDirectory(prefix="modbias_tasks_") as folder:
        yield write_local_tree(index, data_dir, Path(folder))
