"""``modbias plan``: items the paired design needs to detect a gap of a given size (exact McNemar power)."""

from __future__ import annotations

import argparse
import sys

from mb_tasks.planning import plan_items

#: Paired-difference metrics the plan covers: metric -> (variant scored first, variant subtracted).
PAIRED_GAPS: dict[str, tuple[str, str]] = {
    "mg_no_image": ("original", "no_image"),
    "mg_blank": ("original", "blank"),
    "vrs_mismatch": ("original", "mismatch"),
    "consistent_hint_gain": ("consistent_hint", "original"),
}

#: Assumed share of discordant items when none is given (printed with the result).
DEFAULT_DISCORDANCE = 0.2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="items needed to detect a paired gap (exact McNemar power)",
        description=(
            "How many items the paired design needs so that the exact two-sided McNemar test of a "
            "gap between two variants of the same items reaches the requested power."
        ),
    )
    parser.add_argument("--metric", choices=sorted(PAIRED_GAPS), default="mg_no_image")
    parser.add_argument("--delta", type=float, required=True, help="gap to detect, e.g. 0.03")
    parser.add_argument(
        "--discordance",
        type=float,
        default=DEFAULT_DISCORDANCE,
        help=f"share of items scored differently under the two variants (default {DEFAULT_DISCORDANCE})",
    )
    parser.add_argument("--power", type=float, default=0.8)
    parser.add_argument("--alpha", type=float, default=0.05, help="two-sided level")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    first, second = PAIRED_GAPS[args.metric]
    try:
        plan = plan_items(args.delta, args.discordance, args.power, args.alpha)
    except ValueError as error:
        print(f"modbias plan: {error}", file=sys.stderr)
        return 2
    print(f"metric: {args.metric} = mean(c^{first} - c^{second}) over items having both")
    print(
        f"delta: {plan.delta}  discordance: {plan.discordance}  power: {plan.power}  "
        f"alpha: {plan.alpha} (two-sided)"
    )
    print(f"items needed (exact McNemar): {plan.items}  (power there: {plan.achieved_power:.4f})")
    print(f"normal approximation (Connor 1987): {plan.approximate_items}")
    print(f"per benchmark: every benchmark reports its own {args.metric}; each needs {plan.items} items.")
    return 0
