"""Pretraining the vision tower alone (as LLaVA starts from a pretrained CLIP): every patch token
learns the colour and the kind of the object covering it, from the lab's own rendered scenes.

A tower trained from scratch inside the multimodal model barely learns to see in a CPU budget (small
objects on a white canvas give almost no gradient until the language model attends to the right
patches); dense per-patch labels teach it in a few hundred steps. The labels come from the scene
specification (object boxes), never from the evaluation items.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch
from transformers import CLIPVisionModel, LlavaProcessor

from mb_tasks.benchmarks.synth.knowledge import COLOURS, PRODUCE_COLOURS, SHAPES
from mb_tasks.benchmarks.synth.scene import render
from mb_tasks.lab.data import training_rows
from mb_tasks.lab.model import single_threaded
from mb_tasks.lab.specs import Backbone, DataSpec

#: Patch classes: the object's colour or kind, with "none" for the canvas (and a sign's colour).
COLOUR_CLASSES: tuple[str, ...] = (*COLOURS, "none")
KIND_CLASSES: tuple[str, ...] = (*SHAPES, *PRODUCE_COLOURS, "sign", "none")
#: Kinds of coloured object (the scene summary's columns).
OBJECT_KINDS: tuple[str, ...] = (*SHAPES, *PRODUCE_COLOURS)
#: Weight of the summary's pair term (a sparse 0/1 target whose plain BCE is tiny).
PAIR_WEIGHT = 20.0
#: A sign's half-extent in scene pixels (its board fits its text; this box covers the usual labels).
SIGN_HALF_EXTENT = (60, 20)
CANVAS = 224
VISION_SEED_OFFSET = 104_729


def _overlap(box: tuple[float, float, float, float], cell: tuple[float, float, float, float]) -> float:
    """Area of the intersection of two (left, top, right, bottom) boxes."""
    width = min(box[2], cell[2]) - max(box[0], cell[0])
    height = min(box[3], cell[3]) - max(box[1], cell[1])
    return max(0.0, width) * max(0.0, height)


def patch_labels(scene: dict[str, Any], grid: int) -> tuple[list[int], list[int]]:
    """Each patch's colour class and kind class (row-major, ``grid`` x ``grid`` patches): those of the
    object whose box covers most of it, if that covers a tenth of the patch, else "none"."""
    side = CANVAS / grid
    colours = [COLOUR_CLASSES.index("none")] * grid * grid
    kinds = [KIND_CLASSES.index("none")] * grid * grid
    covered = [0.1 * side * side] * grid * grid
    for obj in scene["objects"]:
        half_x, half_y = SIGN_HALF_EXTENT if obj["shape"] == "sign" else (obj["size"], obj["size"])
        box = (obj["x"] - half_x, obj["y"] - half_y, obj["x"] + half_x, obj["y"] + half_y)
        for index in range(grid * grid):
            row, column = divmod(index, grid)
            area = _overlap(box, (column * side, row * side, (column + 1) * side, (row + 1) * side))
            if area > covered[index]:
                covered[index] = area
                colours[index] = COLOUR_CLASSES.index(obj["colour"] if obj["colour"] in COLOURS else "none")
                kinds[index] = KIND_CLASSES.index(obj["shape"])
    return colours, kinds


def scene_summary(scene: dict[str, Any]) -> torch.Tensor:
    """Which (colour, kind) pairs the scene holds (0/1), then how many objects of each kind."""
    pairs = torch.zeros(len(COLOURS), len(OBJECT_KINDS))
    counts = torch.zeros(len(OBJECT_KINDS))
    for obj in scene["objects"]:
        if obj["shape"] in OBJECT_KINDS:
            kind = OBJECT_KINDS.index(obj["shape"])
            pairs[list(COLOURS).index(obj["colour"]), kind] = 1.0
            counts[kind] += 1.0
    return torch.cat([pairs.flatten(), counts])


def vision_loss(
    tower: CLIPVisionModel,
    heads: torch.nn.ModuleDict,
    pixel_values: torch.Tensor,
    scenes: list[dict[str, Any]],
    grid: int,
) -> tuple[torch.Tensor, float]:
    """Per-patch colour and kind after the first layer, the scene summary from every patch token
    after the last; returns the loss and the share of object patches whose colour is right."""
    hidden = tower(pixel_values, output_hidden_states=True).hidden_states
    labels = [patch_labels(scene, grid) for scene in scenes]
    colours = torch.tensor([colour for colour, _ in labels])
    kinds = torch.tensor([kind for _, kind in labels])
    colour_logits, kind_logits = heads["local"](hidden[1][:, 1:]).split(
        [len(COLOUR_CLASSES), len(KIND_CLASSES)], -1
    )
    summary = torch.stack([scene_summary(scene) for scene in scenes])[:, None].expand(-1, grid * grid, -1)
    predicted = heads["global"](hidden[-1][:, 1:])
    pairs = len(COLOURS) * len(OBJECT_KINDS)
    loss = (
        torch.nn.functional.cross_entropy(colour_logits.flatten(0, 1), colours.flatten())
        + torch.nn.functional.cross_entropy(kind_logits.flatten(0, 1), kinds.flatten())
        + PAIR_WEIGHT
        * torch.nn.functional.binary_cross_entropy_with_logits(predicted[..., :pairs], summary[..., :pairs])
        + torch.nn.functional.mse_loss(predicted[..., pairs:], summary[..., pairs:])
    )
    objects = colours != COLOUR_CLASSES.index("none")
    return loss, (colour_logits.argmax(dim=-1) == colours)[objects].float().mean().item()


def pretrain_vision(
    tower: CLIPVisionModel,
    processor: LlavaProcessor,
    backbone: Backbone,
    steps: int,
    seed: int,
    batch: int = 64,
) -> float:
    """Trains ``tower`` in place with linear heads (dropped afterwards); returns the last batch's
    share of object patches whose colour the first layer gets right."""
    grid = backbone.image_size // backbone.patch_size
    torch.manual_seed(VISION_SEED_OFFSET + seed)
    pairs = len(COLOURS) * len(OBJECT_KINDS)
    heads = torch.nn.ModuleDict(
        {
            "local": torch.nn.Linear(backbone.vision_hidden, len(COLOUR_CLASSES) + len(KIND_CLASSES)),
            "global": torch.nn.Linear(backbone.vision_hidden, pairs + len(OBJECT_KINDS)),
        }
    )
    optimizer = torch.optim.AdamW([*tower.parameters(), *heads.parameters()], lr=3e-3, weight_decay=0.01)
    rows = training_rows(DataSpec(prior_share=0.5, seed=VISION_SEED_OFFSET + seed), steps * batch)
    accuracy = 0.0
    for step in range(steps):
        scenes = [row.scene for row in rows[step * batch : (step + 1) * batch]]
        pixel_values = processor.image_processor([render(scene) for scene in scenes], return_tensors="pt")
        loss, accuracy = vision_loss(tower, heads, pixel_values["pixel_values"], scenes, grid)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return accuracy


def cached_vision(
    tower: CLIPVisionModel,
    processor: LlavaProcessor,
    backbone: Backbone,
    steps: int,
    seed: int,
    cache: Path | None,
) -> None:
    """Pretrains ``tower`` in place, or loads the weights an earlier identical pretraining saved in
    ``cache`` (the same backbone, steps and seed always give the same weights)."""
    key = hashlib.sha256(json.dumps([asdict(backbone), steps, seed]).encode("utf-8")).hexdigest()[:16]
    path = cache / f"vision-{key}.pt" if cache else None
    if path and path.exists():
        tower.load_state_dict(torch.load(path, weights_only=True))
        return
    with single_threaded():
        pretrain_vision(tower, processor, backbone, steps, seed)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(tower.state_dict(), path)
