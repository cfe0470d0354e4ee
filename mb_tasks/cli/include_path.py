"""``modbias include-path [--lm-eval]``: print the installed task folder, for the plain harnesses.

lmms-eval --tasks modbias_suite --include_path "$(modbias include-path)" ...
lm_eval --tasks modbias_synth --include_path "$(modbias include-path --lm-eval)" ...
"""

from __future__ import annotations

import argparse

from mb_tasks.task_folders import LM_EVAL_TASKS, TASK_YAMLS


def run(args: argparse.Namespace) -> int:
    print(LM_EVAL_TASKS if args.lm_eval else TASK_YAMLS)
    return 0


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "include-path",
        help="print the task folder to pass to lmms-eval's (or lm-eval's) --include_path",
        description="Prints the lmms-eval task folder that ships inside the installed package, e.g. "
        '`lmms-eval --tasks modbias_suite --include_path "$(modbias include-path)"`.',
    )
    parser.add_argument(
        "--lm-eval", action="store_true", help="print the lm-evaluation-harness task folder instead"
    )
    parser.set_defaults(func=run)
