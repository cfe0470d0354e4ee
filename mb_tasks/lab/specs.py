"""What determines a lab model (its data, its two sides' sizes, its loss and its schedule): plain
dataclasses, light to import (no torch), so that ``modbias`` can list the ladders without loading the lab."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DataSpec:
    """A training stream: the share of prior-family rows that agree with the prior, and its seed."""

    prior_share: float = 0.9
    seed: int = 0


@dataclass(frozen=True)
class Backbone:
    """Sizes of the two sides: the Llama text model and the CLIP vision tower."""

    text_hidden: int = 64
    text_layers: int = 2
    vision_hidden: int = 64
    vision_layers: int = 2
    image_size: int = 32
    patch_size: int = 8
    heads: int = 4

    @property
    def image_tokens(self) -> int:
        """Image tokens per image: one per patch (the CLS token is dropped)."""
        return (self.image_size // self.patch_size) ** 2


@dataclass(frozen=True)
class Objective:
    """Weights of the shortcut-breaking terms added to the next-token loss (0: plain loss)."""

    dropout: float = 0.0
    pair: float = 0.0


@dataclass(frozen=True)
class TrainSpec:
    """Everything that determines a trained model (the same spec gives the same weights)."""

    data: DataSpec = field(default_factory=DataSpec)
    backbone: Backbone = field(default_factory=Backbone)
    objective: Objective = field(default_factory=Objective)
    steps: int = 600
    vision_steps: int = 600
    pretrain_steps: int = 0
    batch: int = 32
    learning_rate: float = 3e-3
    seed: int = 0
