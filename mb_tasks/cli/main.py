"""``modbias``: entry point. Each subcommand lives in its own module with ``add_parser(subparsers)``,
which registers its arguments and sets ``func`` (called with the parsed arguments, returns the exit
code)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from mb_tasks.benchmarks.base import provide_adapter_extras

#: Subcommand modules, in the order ``modbias --help`` lists them.
SUBCOMMANDS: tuple[str, ...] = (
    "report",
    "run",
    "include-path",
    "plan",
    "compare",
    "leaderboard",
    "export",
    "import",
    "serve",
    "lab",
)
#: Subcommands whose module is not the name with "-" as "_" ("import" is a Python keyword).
MODULES: dict[str, str] = {"import": "import_records"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="modbias", description="Modality-bias scores for multimodal LLMs (an lmms-eval task suite)."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = MODULES.get(name, name.replace("-", "_"))
        importlib.import_module(f"mb_tasks.cli.{module}").add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    provide_adapter_extras()  # reports get each benchmark's leak canary and own metrics
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(arguments)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
