"""The three ladders, one per cause of modality bias in the seed paper, each a list of rungs that
differ in one knob only; everything else is the lab's base (``BASE``: 1000 multimodal steps on a
vision tower pretrained for 1000 steps, no text pretraining, plain loss).

- ``data``: the share of prior-family training rows whose scene agrees with common knowledge (the
  answer is predictable from the question alone), broken in the rest: 0.5, 0.6, 0.75, 0.99.
- ``backbone``: how long the language model is pretrained on the questions alone (text-only, the same
  kind of stream without images, every prior row agreeing with common knowledge as the text a real
  language model reads does) before multimodal training: 0, 150, 500, 1500 steps, with the data of the
  data ladder's least biased rung (0.5), where the plain model does learn to look.
- ``objective``: the weight of the shortcut-breaking terms (image dropout with a uniform target, and
  the counterfactual-pair unlikelihood) added to the next-token loss: 0 (plain), 0.1, 0.3, 1, with
  the data of a biased rung (0.75), where the plain model follows the prior.

The backbone and objective ladders' first rungs are rungs of the data ladder (trained once).
``quick`` shrinks the step counts for tests.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace

from mb_tasks.lab.specs import Objective, TrainSpec

KNOBS: tuple[str, ...] = ("data", "backbone", "objective")

BASE = TrainSpec(steps=1000, vision_steps=1000)
QUICK_STEPS = {"steps": 400, "vision_steps": 50}
#: The fixed prior share of the ladders whose knob is not the data.
FIXED_SHARE = {"backbone": 0.5, "objective": 0.75}

#: knob -> (what the value means, the rungs' values in order of rising expected bias or effect).
LADDERS: dict[str, tuple[str, tuple[float, ...]]] = {
    "data": ("share of prior-family rows that agree with the prior", (0.5, 0.6, 0.75, 0.99)),
    "backbone": ("text-only pretraining steps of the language model", (0, 150, 500, 1500)),
    "objective": ("weight of the shortcut-breaking loss terms", (0.0, 0.1, 0.3, 1.0)),
}


@dataclass(frozen=True)
class Rung:
    """One model of a ladder: its knob, position, knob value and full training spec."""

    knob: str
    index: int
    value: float
    spec: TrainSpec

    @property
    def label(self) -> str:
        """A short name: "data=0.75", "backbone=500", "objective=0.3"."""
        return f"{self.knob}={self.value:g}"


def _with_value(base: TrainSpec, knob: str, value: float) -> TrainSpec:
    """The base spec with the knob set to ``value`` (and the knob's fixed data share)."""
    if knob == "data":
        return replace(base, data=replace(base.data, prior_share=value))
    fixed = replace(base, data=replace(base.data, prior_share=FIXED_SHARE[knob]))
    if knob == "backbone":
        return replace(fixed, pretrain_steps=int(value))
    return replace(fixed, objective=Objective(dropout=value, pair=value))


def base_spec(quick: bool) -> TrainSpec:
    """The lab's base spec, before its knob's value (``quick``: the small step counts of the tests)."""
    return replace(BASE, **QUICK_STEPS) if quick else BASE


def rung(knob: str, index: int, quick: bool = False) -> Rung:
    """Rung ``index`` (0-based) of ``knob``'s ladder."""
    if knob not in LADDERS:
        raise ValueError(f"unknown knob {knob!r}; the knobs are {', '.join(KNOBS)}")
    values = LADDERS[knob][1]
    if not 0 <= index < len(values):
        raise ValueError(f"{knob} has rungs 0..{len(values) - 1}, not {index}")
    base = base_spec(quick)
    if knob == "backbone" and quick:
        values = tuple(value * QUICK_STEPS["steps"] // BASE.steps for value in values)
    return Rung(knob, index, values[index], _with_value(base, knob, values[index]))


def ladder(knob: str, quick: bool = False) -> list[Rung]:
    """Every rung of ``knob``'s ladder."""
    return [rung(knob, index, quick) for index in range(len(LADDERS[knob][1]))]


def spec_key(spec: TrainSpec) -> str:
    """A short hash of the spec: equal specs (the base, shared by the ladders) share one model."""
    return hashlib.sha256(json.dumps(asdict(spec), sort_keys=True).encode("utf-8")).hexdigest()[:12]
