"""What the synthetic benchmarks' generators share: seeded picks, options with the gold at a chosen
letter, the item of a media question whose counterfactual is the medium reversed (and the generator
of such items, :class:`ReversibleItems`), the items of every family interleaved, and the command line
that writes an items file."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mb_tasks.parsing.choice import choice_letters
from mb_tasks.parsing.score import chance_level
from mb_tasks.variants.seeds import rng

Item = dict[str, Any]
Query = dict[str, Any]


def pick(generator: np.random.Generator, pool: Any, count: int, exclude: tuple = ()) -> list:
    """``count`` distinct seeded picks from ``pool`` minus ``exclude``."""
    candidates = [value for value in pool if value not in exclude]
    return [candidates[i] for i in generator.permutation(len(candidates))[:count]]


def options_with_gold(
    generator: np.random.Generator, gold: str, distractors: list[str], position: int
) -> list[str]:
    """The distractors in seeded order with the gold inserted at ``position``."""
    ordered = [distractors[i] for i in generator.permutation(len(distractors))]
    return [*ordered[:position], gold, *ordered[position:]]


def reversible_item(
    benchmark: str,
    family: str,
    index: int,
    draft: Draft,
    question: str,
    spec: str,
) -> Item:
    """The item of a drafted media question whose counterfactual is the medium reversed (the synthetic
    video and audio benchmarks): ``draft`` = (query, media specification, options, gold option,
    counterfactual gold option); golds become option letters, the specification the field ``spec``."""
    query, media, options, gold, cf_gold = draft
    letters = choice_letters(len(options))
    return {
        "id": f"{benchmark}-{family}-{index:03d}",
        "category": family,
        "answer_type": "mcq",
        "question": question,
        "query": query,
        "options": options,
        "target": letters[options.index(gold)],
        "cf_target": letters[options.index(cf_gold)],
        "chance": chance_level("mcq", options),
        spec: media,
    }


def interleaved_items(
    make_item: Callable[[str, int, int], Item], families: Sequence[str], per_family: int, seed: int
) -> list[Item]:
    """``per_family`` items of every family, interleaved (item i of every family, then i + 1), so the
    first rows (lmms-eval's ``--limit``) cover every family."""
    return [make_item(family, index, seed) for index in range(per_family) for family in families]


#: A drafter's result: (query, media specification, options, gold option, counterfactual gold option).
Draft = tuple[Query, Any, list[str], str, str]


@dataclass(frozen=True)
class ReversibleItems:
    """The items of a synthetic media benchmark whose counterfactual is the medium reversed: each
    family's drafter(generator, gold slot) drafts one, seeded by benchmark, seed, family and index."""

    benchmark: str
    #: The item field holding the media specification ("clip", "recording").
    spec: str
    drafters: Mapping[str, Callable[[np.random.Generator, int], Draft]]
    #: family -> the letter slot of its first item's gold (item i's: (i + shift) mod 4).
    gold_shifts: Mapping[str, int]
    question_text: Callable[[Query], str]
    families: Sequence[str]

    def make_item(self, family: str, index: int, seed: int = 0) -> Item:
        """Item ``index`` of ``family``: query, media, options, gold and counterfactual gold (letters)."""
        generator = rng(f"modbias_{self.benchmark}", seed, family, index)
        draft = self.drafters[family](generator, (index + self.gold_shifts[family]) % 4)
        return reversible_item(self.benchmark, family, index, draft, self.question_text(draft[0]), self.spec)

    def generate_items(self, per_family: int = 40, seed: int = 0) -> list[Item]:
        """:func:`interleaved_items` of :meth:`make_item`."""
        return interleaved_items(self.make_item, self.families, per_family, seed)


def write_items(items: list[Item], path: Path) -> None:
    """One JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")


def run_generator(
    argv: list[str] | None,
    description: str,
    generate: Callable[[int, int], list[Item]],
    per_family: int,
    out: Path,
) -> None:
    """A generator's command line (``--per-family``, ``--seed``, ``--out``): writes the items it
    generates."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--per-family", type=int, default=per_family)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    items = generate(args.per_family, args.seed)
    write_items(items, args.out)
    print(f"wrote {len(items)} items to {args.out}")
