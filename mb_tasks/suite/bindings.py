"""Each task folder's ``utils.py``: one line per task YAML there, binding its ``process_docs`` to it.

A task YAML that sets ``metadata`` (the modbias settings) binds ``process_docs: !function
utils.process_docs_<task>``; the folder's ``utils.py`` defines those names with
:func:`mb_tasks.lmms.task.process_docs_for`. The shipped folders' files are written by ``python -m
mb_tasks.suite.generate --write`` (with the lite twins they bind) and checked by the tests; ``python
-m mb_tasks.suite.bindings FOLDER ...`` writes them for task folders of your own.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

from mb_tasks.suite.index import tag_keeping_load
from mb_tasks.task_folders import TASK_YAMLS

#: The line length of the generated files (the project's ruff setting).
_LINE_LENGTH = 110

_HEADER = '''"""{folder}: each task YAML here binds its process_docs to its own settings.

Generated from this folder's YAMLs by ``mb_tasks.suite.bindings`` (the shipped folders: ``python -m
mb_tasks.suite.generate --write``; the tests check them); the shared hooks are the template's
(``../utils.py``).
"""

from mb_tasks.lmms.task import process_docs_for
'''


def binding_name(task: str) -> str:
    """The ``utils`` attribute holding task ``task``'s ``process_docs``."""
    return "process_docs_" + re.sub(r"\W", "_", task)


def bound_tasks(folder: Path) -> dict[str, str]:
    """task -> YAML file name, for every YAML of ``folder`` that names a task and sets its metadata."""
    bound: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        config = tag_keeping_load(path)
        if isinstance(config.get("task"), str) and "metadata" in config:
            bound[config["task"]] = path.name
    return bound


def render_utils(folder_name: str, bound: Mapping[str, str]) -> str:
    """The ``utils.py`` of folder ``folder_name`` binding each task of ``bound`` (task -> YAML file
    name) to its YAML, in YAML file name order."""
    lines = [_HEADER.format(folder=folder_name)]
    for task, yaml_name in sorted(bound.items(), key=lambda pair: pair[1]):
        line = f'{binding_name(task)} = process_docs_for(__file__, "{yaml_name}")'
        wrapped = f'{binding_name(task)} = process_docs_for(\n    __file__, "{yaml_name}"\n)'
        lines.append(line if len(line) <= _LINE_LENGTH else wrapped)
    return "\n".join(lines) + "\n"


def utils_text(folder: Path) -> str:
    """The ``utils.py`` that binds the process_docs of every task YAML of ``folder``."""
    return render_utils(folder.name, bound_tasks(folder))


def write_bindings(folder: Path) -> Path:
    """Writes ``folder/utils.py`` (see :func:`utils_text`); returns its path."""
    target = folder / "utils.py"
    target.write_text(utils_text(folder), encoding="utf-8")
    return target


def task_folders(task_yamls: Path = TASK_YAMLS) -> list[Path]:
    """The folders of ``task_yamls`` that hold task YAMLs setting metadata."""
    return sorted({path.parent for path in task_yamls.rglob("*.yaml") if bound_tasks(path.parent)})


def unbound_yamls(folder: Path, bound: Mapping[str, str]) -> list[str]:
    """One line per YAML of ``bound`` (task -> file name in ``folder``) whose ``process_docs`` is not
    its own binding."""
    problems = []
    for task, yaml_name in bound.items():
        process_docs = tag_keeping_load(folder / yaml_name).get("process_docs")
        if process_docs != f"utils.{binding_name(task)}":
            problems.append(
                f"{folder / yaml_name}: sets metadata but binds process_docs to {process_docs!r}, not "
                f"`!function utils.{binding_name(task)}`"
            )
    return problems


def binding_problems(folder: Path) -> list[str]:
    """What is out of date in ``folder``: its ``utils.py``, and task YAMLs not binding their own name."""
    problems = []
    utils = folder / "utils.py"
    if not utils.is_file() or utils.read_text(encoding="utf-8") != utils_text(folder):
        problems.append(f"{utils}: not what `python -m mb_tasks.suite.bindings {folder}` writes")
    return problems + unbound_yamls(folder, bound_tasks(folder))


def main(arguments: list[str]) -> None:
    if not arguments:
        sys.exit("usage: python -m mb_tasks.suite.bindings FOLDER ...  (the shipped folders: suite.generate)")
    for folder in map(Path, arguments):
        print(write_bindings(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
