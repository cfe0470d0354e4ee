"""``modbias plan``: items the paired design needs to detect a gap of a given size (exact McNemar power)."""

from __future__ import annotations

import argparse
import sys

#: Paired-difference metrics the plan covers: metric -> (variant scored first, variant subtracted).
PAIRED_GAPS: dict[str, tuple[str, str]] = {
    "mg_no_image": ("original", "no_image"),
    "mg_blank": ("original", "blank"),
    "vrs_mismatch": ("original", "mismatch"),
    "consistent_hint_gain": ("consistent_hint", "original"),
}

#: Assumed share of discordant items when it is neither given nor measured (printed with the result).
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
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--discordance",
        type=float,
        help=f"share of items scored differently under the two variants (default {DEFAULT_DISCORDANCE})",
    )
    source.add_argument(
        "--from",
        dest="runs",
        nargs="+",
        metavar="PATH",
        help="measure the discordance on an earlier run (records, samples files or output folders)",
    )
    parser.add_argument("--power", type=float, default=0.8)
    parser.add_argument("--alpha", type=float, default=0.05, help="two-sided level")
    parser.set_defaults(func=run)


def measured_discordance(paths: list[str], first: str, second: str) -> tuple[float, int]:
    """Share of items with c^first ≠ c^second among items having both (binary scores), over all
    benchmarks of the records at ``paths``; and that number of items."""
    from mb_tasks.metrics import build_tables
    from mb_tasks.metrics.significance import discordant_pairs
    from mb_tasks.report import read_records

    discordant = items = 0
    for table in build_tables(read_records(paths).records).tables.values():
        if not table.has(first, second):
            continue
        if not table.binary_scores:
            raise ValueError(
                f"{table.benchmark}: scores are not all 0/1, so McNemar's discordance is undefined"
            )
        a, b = table.columns[first], table.columns[second]
        both = a.present & b.present
        discordant += sum(discordant_pairs(a.score, b.score, both))
        items += int(both.sum())
    if items == 0:
        raise ValueError(f"no item in {', '.join(paths)} has both {first} and {second} records")
    return discordant / items, items


def run(args: argparse.Namespace) -> int:
    from mb_tasks.planning import plan_items  # scipy.stats: imported only when planning

    first, second = PAIRED_GAPS[args.metric]
    try:
        if args.runs:
            discordance, items = measured_discordance(args.runs, first, second)
            source = f"measured on {items} items of {', '.join(args.runs)}"
        elif args.discordance is not None:
            discordance, source = args.discordance, "given"
        else:
            discordance, source = DEFAULT_DISCORDANCE, "assumed; give --discordance or --from RUN"
        plan = plan_items(args.delta, discordance, args.power, args.alpha)
    except ValueError as error:
        print(f"modbias plan: {error}", file=sys.stderr)
        return 2
    print(f"metric: {args.metric} = mean(c^{first} - c^{second}) over items having both")
    print(f"discordance: {discordance:.4f} ({source})")
    print(f"delta: {plan.delta}  power: {plan.power}  alpha: {plan.alpha} (two-sided)")
    print(f"items needed (exact McNemar): {plan.items}  (power there: {plan.achieved_power:.4f})")
    print(f"normal approximation (Connor 1987): {plan.approximate_items}")
    print(f"each benchmark reports its own {args.metric}, so each benchmark needs {plan.items} items")
    return 0
