"""``modbias run ARGS...``: lmms-eval with the suite's task folder on the include path.

Every argument is passed to lmms-eval unchanged, plus ``--include_path <suite's task_yamls>``.
lmms-eval 0.7.3 takes a single include folder, so a user's own ``--include_path`` is refused with a
clear message (put extra task YAMLs under a folder and run ``lmms-eval`` directly).

Unlike lmms-eval 0.7.3 itself, the exit status says whether the evaluation worked: non-zero, with one
line saying what failed, when lmms-eval logged a failed evaluation or wrote no results file under
``--output_path`` (``mb_tasks.cli.lmms_eval_process``).

``--data-dir DIR`` runs the tasks from local copies ``DIR/<lmms-eval task name>/``
(``mb_tasks.suite.local_data``); a missing copy is one line naming the task, the path and the fix.
``--plan FILE`` runs the plan's tasks with its items and variants (``modbias plan --half-width H
--write FILE`` writes one; ``mb_tasks.suite.planned``): ``--tasks modbias_plan`` runs them all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mb_tasks.cli.lmms_eval_process import option_value, run_lmms_eval
from mb_tasks.suite.local_data import LocalDataError, local_task_folder
from mb_tasks.suite.planned import PlanError
from mb_tasks.task_folders import TASK_YAMLS

_INCLUDE_FLAGS = ("--include_path", "--include-path")
_DATA_DIR_FLAGS = ("--data-dir", "--data_dir")
_PLAN_FLAGS = ("--plan",)


class IncludePathGiven(ValueError):
    """The user passed ``--include_path``, which lmms-eval 0.7.3 cannot combine with ours."""


class OptionValueMissing(ValueError):
    """A modbias option (``--data-dir``, ``--plan``) given without its value."""


def split_folder_option(
    arguments: Sequence[str], flags: tuple[str, ...], what: str
) -> tuple[list[str], Path | None]:
    """The arguments without ``FLAG PATH`` (or ``FLAG=PATH``) for any of ``flags``, and PATH (None if
    absent); ``what`` says what PATH is, for the error when it is missing."""
    rest: list[str] = []
    found: Path | None = None
    items = iter(arguments)
    for argument in items:
        flag, equals, value = argument.partition("=")
        if flag in flags:
            given = value if equals else next(items, None)
            if not given:
                raise OptionValueMissing(f"{flag} needs {what}")
            found = Path(given).expanduser()
        else:
            rest.append(argument)
    return rest, found


def split_data_dir(arguments: Sequence[str]) -> tuple[list[str], Path | None]:
    """The arguments without ``--data-dir DIR`` (or ``--data-dir=DIR``), and DIR (None if absent)."""
    what = "a folder: --data-dir DIR (DIR/<lmms-eval task name>/ local copies)"
    return split_folder_option(arguments, _DATA_DIR_FLAGS, what)


def lmms_eval_arguments(arguments: Sequence[str], task_yamls: Path = TASK_YAMLS) -> list[str]:
    """The arguments followed by ``--include_path task_yamls``."""
    given = [
        a for a in arguments if a in _INCLUDE_FLAGS or a.startswith(tuple(f + "=" for f in _INCLUDE_FLAGS))
    ]
    if given:
        raise IncludePathGiven(
            f"modbias run adds --include_path {task_yamls} itself and lmms-eval takes only one include "
            "folder; run `lmms-eval` directly to use another one"
        )
    return [*arguments, "--include_path", str(task_yamls)]


def run(args: argparse.Namespace) -> int:
    try:
        arguments, data_dir = split_data_dir(args.lmms_eval_args)
        arguments, plan_file = split_folder_option(arguments, _PLAN_FLAGS, "a plan file: --plan FILE")
        tasks = [name.strip() for name in (option_value(arguments, "--tasks") or "").split(",")]
        tasks = [name for name in tasks if name]
        with local_task_folder(data_dir, tasks, TASK_YAMLS, plan_file) as task_yamls:
            forwarded = lmms_eval_arguments(arguments, task_yamls)
            output_path = option_value(forwarded, "--output_path")
            return run_lmms_eval(
                [sys.executable, "-m", "lmms_eval", *forwarded], Path(output_path) if output_path else None
            )
    except (IncludePathGiven, OptionValueMissing, LocalDataError, PlanError) as error:
        for line in str(error).splitlines():
            print(f"modbias run: {line}", file=sys.stderr)
        return 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run lmms-eval with the modbias tasks on the include path",
        description="Runs `python -m lmms_eval ARGS...` with the modbias task folder added to "
        "--include_path; every other argument is passed through but --data-dir DIR (local dataset "
        "copies) and --plan FILE (a plan of `modbias plan --half-width ... --write FILE`).",
        add_help=False,
        # No option prefix: every argument, "--tasks" included, belongs to lmms-eval.
        prefix_chars="\x00",
    )
    parser.add_argument("lmms_eval_args", nargs=argparse.REMAINDER)
    parser.set_defaults(func=run)
