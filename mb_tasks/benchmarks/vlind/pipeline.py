"""VLind-Bench's pipeline scores (``eval/score_pipeline.py`` of klee972/VLind-Bench), as pure
functions. A test is passed when both of its statements are answered correctly; an ``lp`` test is
passed per good counterfactual image. Only complete instances count (every probe answered).

Per instance i: CK_i, VP_i, CB_i in {0, 1} and LP_i = mean over its good images of the lp pass.
The scores are sums over instances, so that they bootstrap over instances (the table's clusters).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from mb_tasks.benchmarks.vlind.probes import parse_probe_id
from mb_tasks.metrics.catalogue import benchmark_metrics
from mb_tasks.metrics.definitions import Statistic, ratio
from mb_tasks.metrics.table import ItemTable

#: The pipeline scores: the catalogue's entries of benchmark "vlind", whose formulas are these
#: functions' docstrings.
PIPELINE_METRICS: tuple[str, ...] = benchmark_metrics("vlind")

#: Columns of the per-instance sums: CK, 1, VP, CK*CB, CK*VP*CB, CK*VP*CB*LP.
_CK, _ONE, _VP, _CK_CB, _GATE, _GATED_LP = range(6)


@dataclass(frozen=True)
class InstanceOutcome:
    """One complete instance: whether each test passed, and the lp pass of each good image."""

    ck: bool
    vp: bool
    cb: bool
    lp: tuple[bool, ...]


def commonsense_knowledge(sums: np.ndarray) -> np.ndarray:
    """commonsense_knowledge = sum CK_i / #instances."""
    return ratio(sums[..., [_CK, _ONE]])


def visual_perception(sums: np.ndarray) -> np.ndarray:
    """visual_perception = sum VP_i / #instances."""
    return ratio(sums[..., [_VP, _ONE]])


def commonsense_bias(sums: np.ndarray) -> np.ndarray:
    """commonsense_bias = sum CK_i CB_i / sum CK_i (instances that know the common sense)."""
    return ratio(sums[..., [_CK_CB, _CK]])


def language_prior(sums: np.ndarray) -> np.ndarray:
    """language_prior = sum CK_i VP_i CB_i LP_i / sum CK_i VP_i CB_i (instances passing every basic test)."""
    return ratio(sums[..., [_GATED_LP, _GATE]])


_COMBINE = {
    "commonsense_knowledge": (commonsense_knowledge, _ONE),
    "visual_perception": (visual_perception, _ONE),
    "commonsense_bias": (commonsense_bias, _CK),
    "language_prior": (language_prior, _GATE),
}


def instance_outcomes(
    pair_ids: Sequence[str],
    image_correct: Sequence[bool | None],
    counterfactual_correct: Sequence[bool | None],
) -> dict[str, tuple[int, InstanceOutcome]]:
    """(first probe row, outcome) of every complete instance. ``image_correct[r]`` is whether probe r
    was answered correctly on its own image (the ``original`` variant; None if unanswered), and
    ``counterfactual_correct[r]`` the same on its counterfactual image (lp probes)."""
    answers: dict[str, dict[tuple[str, str], dict[int, bool | None]]] = {}
    first_row: dict[str, int] = {}
    for row, pair_id in enumerate(pair_ids):
        instance, test, image_id, statement = parse_probe_id(pair_id)
        first_row.setdefault(instance, row)
        correct = counterfactual_correct[row] if test == "lp" else image_correct[row]
        answers.setdefault(instance, {}).setdefault((test, image_id), {})[statement] = correct

    def passed(statements: dict[int, bool | None]) -> bool | None:
        if set(statements) != {1, 2} or None in statements.values():
            return None
        return all(statements.values())

    outcomes: dict[str, tuple[int, InstanceOutcome]] = {}
    for instance, tests in answers.items():
        by_test: dict[str, list[bool | None]] = {}
        for (test, _), statements in sorted(tests.items()):
            by_test.setdefault(test, []).append(passed(statements))
        basic = [by_test.get(test, [None]) for test in ("ck", "vp", "cb")]
        lp = by_test.get("lp", [])
        if any(len(results) != 1 or results[0] is None for results in basic) or not lp or None in lp:
            continue
        ck, vp, cb = (bool(results[0]) for results in basic)
        outcomes[instance] = (first_row[instance], InstanceOutcome(ck, vp, cb, tuple(bool(x) for x in lp)))
    return outcomes


def instance_sums(outcomes: dict[str, tuple[int, InstanceOutcome]], n_rows: int) -> np.ndarray:
    """Per-row contributions (n_rows x 6): each instance's terms on its first probe's row."""
    contributions = np.zeros((n_rows, 6))
    for row, outcome in outcomes.values():
        gate = outcome.ck and outcome.vp and outcome.cb
        contributions[row] = (
            outcome.ck,
            1.0,
            outcome.vp,
            outcome.ck and outcome.cb,
            gate,
            gate * float(np.mean(outcome.lp)),
        )
    return contributions


def _correct(table: ItemTable, variant: str) -> list[bool | None]:
    column = table.columns.get(variant)
    if column is None:
        return [None] * table.n_items
    return [
        bool(score == 1.0) if present else None
        for present, score in zip(column.present, column.score, strict=True)
    ]


def pipeline_statistics(table: ItemTable) -> Iterator[tuple[str, Statistic]]:
    """The four pipeline scores of a VLind-Bench table, each with its gated denominator as ``n``."""
    outcomes = instance_outcomes(
        table.pair_ids, _correct(table, "original"), _correct(table, "counterfactual")
    )
    contributions = instance_sums(outcomes, table.n_items)
    for name in PIPELINE_METRICS:
        combine, denominator = _COMBINE[name]
        yield name, Statistic(contributions, combine, int(contributions[:, denominator].sum()))
