"""The shape of a catalogue entry: a :class:`Metric`; :class:`Family` builds the per-variant ones."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from mb_tasks.metrics.definitions import Statistic
from mb_tasks.metrics.table import ItemTable
from mb_tasks.records import ALL_VARIANTS

Needs = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Headline:
    """A metric the readable outputs lead with. ``rank`` orders them (comparisons show every headline
    metric by default); ``leaderboard``: a leaderboard column; ``profile``: one of a model's bias
    profile (the plots and tables of a report)."""

    rank: int
    leaderboard: bool = True
    profile: bool = False


def docstring_formula(function: Callable[..., Any]) -> tuple[str, str]:
    """(head, formula) of a function whose docstring's first paragraph reads ``head = formula.``"""
    paragraph = " ".join(inspect.cleandoc(function.__doc__ or "").split("\n\n")[0].split())
    head, _, formula = paragraph.partition(" = ")
    return head, formula.removesuffix(".")


@dataclass(frozen=True)
class Metric:
    """One metric: its name, what it needs, how it is computed and read.

    ``needs``: the variants it needs, all of one of these sets (``yesno``: and yes/no items;
    ``base_llm``: and a base-LLM run). ``statistic`` is its function in :mod:`~mb_tasks.metrics.definitions`
    (called with ``variant`` when set), whose docstring gives the formula; a benchmark-specific metric
    (``benchmark``) is computed by that benchmark's adapter and writes its ``written_formula`` here.
    ``family`` names the per-variant metrics ``<family>_<k>`` it belongs to. ``difference`` = (first,
    second) for a mean (c^first - c^second) of binary scores, which gets McNemar's test.
    ``higher_is_better``: None where neither direction is better. ``few_pairs_warning``: the report
    warns when it rests on few items.
    """

    name: str
    needs: Needs
    higher_is_better: bool | None
    reference: str
    statistic: Callable[..., Statistic] | None = None
    variant: str | None = None
    family: str | None = None
    difference: tuple[str, str] | None = None
    yesno: bool = False
    base_llm: bool = False
    benchmark: str | None = None
    written_formula: str | None = None
    headline: Headline | None = None
    few_pairs_warning: bool = False

    @property
    def label(self) -> str:
        """The name, or the family's (``acc_k``) for a per-variant metric."""
        return f"{self.family}_k" if self.family else self.name

    @property
    def formula(self) -> str:
        """The one-line formula: the statistic's docstring (k filled in for a lone per-variant metric),
        or the written one of a benchmark-specific metric."""
        if self.statistic is None:
            return self.written_formula or ""
        formula = docstring_formula(self.statistic)[1]
        return re.sub(r"\bk\b", self.variant, formula) if self.variant and not self.family else formula

    @property
    def legend_line(self) -> str:
        """The line legends show, "label = formula." (a period closes it)."""
        return f"{self.label} = {self.formula}."

    @property
    def paired_test(self) -> str | None:
        """The paired test: "McNemar" for a difference of binary scores, else None."""
        return "McNemar" if self.difference else None

    def applies(self, variants: Collection[str], has_yesno: bool) -> bool:
        """Whether a table with these variants (and yes/no items or not) gets the metric."""
        present = set(variants)
        return any(set(option) <= present for option in self.needs) and (has_yesno or not self.yesno)

    def compute(self, table: ItemTable) -> Statistic:
        """The metric's statistic on ``table`` (one it :meth:`applies` to)."""
        if self.statistic is None:
            raise ValueError(f"{self.name} is computed by the {self.benchmark} adapter")
        return self.statistic(table, self.variant) if self.variant else self.statistic(table)


@dataclass(frozen=True)
class Family:
    """Per-variant metrics ``<prefix>_<k>``: one statistic, direction and reference; each needs k
    (and original when ``with_original``)."""

    prefix: str
    statistic: Callable[..., Statistic]
    higher_is_better: bool | None
    reference: str
    with_original: bool = False
    yesno: bool = False

    def member(self, name: str, **fields: Any) -> Metric:
        """The family's metric ``name`` (``<prefix>_<k>``, k a variant), with any further fields."""
        k = name.removeprefix(f"{self.prefix}_")
        if k == name or k not in ALL_VARIANTS:
            raise ValueError(f"{name!r} is not {self.prefix}_<variant>")
        needs = ("original", k) if self.with_original else (k,)
        return Metric(
            name,
            (needs,),
            self.higher_is_better,
            self.reference,
            statistic=self.statistic,
            variant=k,
            family=self.prefix,
            yesno=self.yesno,
            **fields,
        )
