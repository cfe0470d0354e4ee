"""``modbias plan``: items the paired design needs to detect a gap of a given size (exact McNemar
power, ``--delta``), or a budget: the items and model calls per benchmark for 95 % intervals of at most
±H (``--half-width``), written as a plan that ``modbias run --plan`` takes (``--write``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mb_tasks.metrics.catalogue import PAIRED_GAPS  # the McNemar-tested differences
from mb_tasks.metrics.table import ItemTable

if TYPE_CHECKING:
    from mb_tasks.planning.suite_budget import BenchmarkBudget

#: The metrics a budget plans when none are named: the two headline gaps of a release eval.
DEFAULT_METRICS = ("mg_no_image", "text_preference_ratio")

#: Assumed share of discordant items when it is neither given nor measured (printed with the result).
DEFAULT_DISCORDANCE = 0.2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="items needed to detect a paired gap, or a budget of items and calls for given intervals",
        description=(
            "With --delta: how many items the paired design needs so that the exact two-sided McNemar "
            "test of a gap between two variants of the same items reaches the requested power. With "
            "--half-width: per benchmark, the items, variants and model calls that give each metric an "
            "interval (95% by default) of at most that half-width, written with --write as a plan for "
            "`modbias run --plan FILE --tasks modbias_plan`."
        ),
    )
    parser.add_argument("--metric", choices=sorted(PAIRED_GAPS), default="mg_no_image")
    goal = parser.add_mutually_exclusive_group(required=True)
    goal.add_argument("--delta", type=float, help="gap to detect, e.g. 0.03")
    goal.add_argument(
        "--half-width",
        type=float,
        help="budget: items and calls per benchmark for intervals of at most ± this, e.g. 0.02",
    )
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
        help="measure the discordance (or, with --half-width, each metric's spread per benchmark) on "
        "an earlier run (records, samples files or output folders)",
    )
    parser.add_argument("--power", type=float, default=0.8)
    parser.add_argument("--alpha", type=float, default=0.05, help="two-sided level")
    budget = parser.add_argument_group("budget (--half-width)")
    budget.add_argument(
        "--metrics",
        default=",".join(DEFAULT_METRICS),
        help=f"comma-separated metrics whose intervals to plan (default {','.join(DEFAULT_METRICS)})",
    )
    budget.add_argument(
        "--tasks", default="modbias_suite", help="tasks or groups to plan (default modbias_suite)"
    )
    budget.add_argument("--confidence", type=float, default=0.95, help="interval level (default 0.95)")
    budget.add_argument("--write", metavar="FILE", help="write the plan for `modbias run --plan FILE`")
    parser.set_defaults(func=run)


def run_tables(paths: list[str]) -> dict[str, ItemTable]:
    """benchmark -> item table of the records at ``paths``, read in one streaming pass."""
    from mb_tasks.metrics.table import tables_of
    from mb_tasks.report.reading import screen_paths

    return tables_of(screen_paths(paths)[1]).tables


def measured_discordance(paths: list[str], first: str, second: str) -> tuple[float, int]:
    """Share of items with c^first ≠ c^second among items having both (binary scores), over all
    benchmarks of the records at ``paths``; and that number of items."""
    from mb_tasks.metrics.significance import discordant_pairs

    discordant = items = 0
    for table in run_tables(paths).values():
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


def spread_lines(budgets: Sequence[BenchmarkBudget]) -> str:
    """One line per metric and per-item variance: its value, where it comes from, and its tasks."""
    tasks: dict[tuple[str, float, str], list[str]] = {}
    for budget in budgets:
        for name, spread in budget.spreads.items():
            tasks.setdefault((name, spread.per_item_variance, spread.source), []).append(budget.task)
    return "\n".join(
        f"{name}: per-item variance {variance:.4f} ({source}): {', '.join(names)}"
        for (name, variance, source), names in tasks.items()
    )


def run_budget(args: argparse.Namespace) -> int:
    """The budget of ``--half-width``: printed as a table, written as a plan with ``--write``."""
    from mb_tasks.planning.suite_budget import budget_table, plan_text, suite_budget
    from mb_tasks.suite.index import suite_index
    from mb_tasks.task_folders import TASK_YAMLS

    metrics = [name.strip() for name in args.metrics.split(",") if name.strip()]
    index = suite_index(TASK_YAMLS)
    names = [name.strip() for name in args.tasks.split(",") if name.strip()]
    entries = index.expand(names)
    try:
        if not entries:
            raise ValueError(f"--tasks {args.tasks}: no modbias task or group of that name")
        tables = run_tables(args.runs) if args.runs else {}
        budgets = suite_budget(entries, metrics, args.half_width, args.confidence, tables)
    except (KeyError, ValueError) as error:
        print(f"modbias plan: {error.args[0] if isinstance(error, KeyError) else error}", file=sys.stderr)
        return 2
    goal = f"{args.confidence:.0%} intervals of at most ±{args.half_width:g} on {', '.join(metrics)}"
    print(f"budget: {goal}, per benchmark (normal approximation, clustered delta method)")
    print(budget_table(budgets, metrics, args.half_width))
    print(spread_lines(budgets))
    if args.write:
        planned = sum(1 for budget in budgets if budget.planned is not None)
        command = f"modbias plan --half-width {args.half_width:g} --metrics {','.join(metrics)}"
        header = f"Written by `{command}`: {goal}.\nRun it: modbias run --plan FILE --tasks modbias_plan ..."
        Path(args.write).write_text(plan_text(budgets, header.replace("FILE", args.write)), encoding="utf-8")
        print(f"wrote the plan of {planned} tasks to {args.write}; run it with:")
        print(f"  modbias run --plan {args.write} --tasks modbias_plan --model ... --output_path ...")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.half_width is not None:
        return run_budget(args)
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
