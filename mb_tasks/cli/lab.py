"""``modbias lab``: small LLaVA models trained on CPU with a known, graded cause of modality bias.

    modbias lab train --knob {data,backbone,objective} --rung R --out DIR [--quick]
    modbias lab ladder --knob K --out DIR [--results DIR] [--rungs R ...] [--quick]
    modbias lab all --out DIR [--results DIR] [--quick]

``train`` saves one checkpoint (model, processor, tokenizer) that lmms-eval's ``llava_hf`` loads.
``ladder`` trains every rung of a knob's ladder (or ``--rungs``), measures each with ``modbias run``
and ``modbias report``, and writes the table, the plot and each rung's reports to ``--results``
(default DIR/results); ``all`` does the three ladders. Models and measurements are kept under DIR and
reused when run again. The rungs: :mod:`mb_tasks.lab.ladders`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from mb_tasks.lab.ladders import KNOBS, LADDERS, ladder, rung

# The ladders and their specs are plain dataclasses; training and measuring (torch, transformers,
# matplotlib) are imported by the subcommands that use them, so other ``modbias`` commands stay light.


def _log(message: str) -> None:
    """Prints a progress line to standard error."""
    print(message, file=sys.stderr, flush=True)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Registers ``modbias lab`` and its subcommands train, ladder and all."""
    parser = subparsers.add_parser(
        "lab",
        help="train small LLaVA models with known, graded modality bias and measure them",
        description=(
            "Train small LLaVA models on CPU, each with one cause of modality bias dialled to a known "
            "level, and measure them with modbias run and modbias report (rungs: mb_tasks.lab.ladders)."
        ),
    )
    commands = parser.add_subparsers(dest="lab_command", required=True, metavar="COMMAND")
    rungs = "; ".join(
        f"{knob}: {', '.join(f'{v:g}' for v in values)}" for knob, (_, values) in LADDERS.items()
    )
    one = commands.add_parser(
        "train", help="train one rung's model", description=f"Rungs (0-based): {rungs}."
    )
    one.add_argument("--knob", choices=KNOBS, required=True)
    one.add_argument("--rung", type=int, required=True, help="0-based rung of the knob's ladder")
    one.set_defaults(func=_train)
    several = commands.add_parser("ladder", help="train and measure a knob's ladder")
    several.add_argument("--knob", choices=KNOBS, required=True)
    several.add_argument("--rungs", type=int, nargs="+", help="only these rungs (0-based)")
    several.set_defaults(func=_ladder)
    every = commands.add_parser("all", help="train and measure the three ladders")
    every.set_defaults(func=_all)
    for command in (one, several, every):
        command.add_argument("--out", type=Path, required=True, help="checkpoint / working folder")
        command.add_argument("--quick", action="store_true", help="few steps, few items (tests)")
    for command in (several, every):
        command.add_argument(
            "--results", type=Path, help="where tables, plots and reports go (default OUT/results)"
        )


def _train(args: argparse.Namespace) -> int:
    """``modbias lab train``: trains one rung; exit status 2 for an unknown rung."""
    try:
        chosen = rung(args.knob, args.rung, args.quick)
    except ValueError as error:
        _log(f"modbias lab train: {error}")
        return 2
    from mb_tasks.lab.train import train

    summary = train(chosen.spec, args.out, _log)
    print(json.dumps({"rung": chosen.label, **summary}, indent=2))
    return 0


def _run_ladder(knob: str, indices: list[int] | None, args: argparse.Namespace) -> dict[str, float]:
    """Trains and measures the chosen rungs, writes the results; returns the ladder's wall times."""
    from mb_tasks.lab.results import write_ladder
    from mb_tasks.lab.runner import measured

    started = time.perf_counter()
    chosen = ladder(knob, args.quick) if indices is None else [rung(knob, i, args.quick) for i in indices]
    rows = [measured(each, args.out, args.quick, _log) for each in chosen]
    write_ladder(knob, rows, args.results or args.out / "results")
    return {"wall_seconds": round(time.perf_counter() - started, 1), "rungs": len(rows)}


def _ladder(args: argparse.Namespace) -> int:
    """``modbias lab ladder``: trains, measures and writes one knob's ladder; returns the exit status."""
    try:
        timing = _run_ladder(args.knob, args.rungs, args)
    except (ValueError, RuntimeError) as error:
        _log(f"modbias lab ladder: {error}")
        return 1
    print(json.dumps({args.knob: timing}))
    return 0


def _all(args: argparse.Namespace) -> int:
    """``modbias lab all``: the three ladders and timing.json; returns the exit status."""
    load_before = os.getloadavg()
    timings = {}
    try:
        for knob in KNOBS:
            timings[knob] = _run_ladder(knob, None, args)
    except (ValueError, RuntimeError) as error:
        _log(f"modbias lab all: {error}")
        return 1
    summary = {**timings, "load_average_before": load_before, "load_average_after": os.getloadavg()}
    results = args.results or args.out / "results"
    (results / "timing.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary))
    return 0
