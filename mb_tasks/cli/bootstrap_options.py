"""The ``--seed`` and ``--resamples`` options every command that computes intervals takes."""

from __future__ import annotations

import argparse


def resamples_count(text: str) -> int:
    """``--resamples``: a whole number >= 0 (0 = no intervals); argparse names anything else."""
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of bootstrap resamples (a whole number >= 0; 0 = no intervals)"
        )
    return count


def add_bootstrap_options(parser: argparse.ArgumentParser) -> None:
    """Adds ``--seed S`` (default 0) and ``--resamples B`` (default 10000, >= 0; 0 = no intervals)."""
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    parser.add_argument(
        "--resamples",
        type=resamples_count,
        default=10_000,
        help="bootstrap resamples, >= 0 (default 10000; 0 = no intervals)",
    )
