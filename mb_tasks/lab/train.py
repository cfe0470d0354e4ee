"""The deterministic CPU training loop: the vision tower's pretraining (shared, cached), optional
text-only pretraining of the language model, then multimodal training.

Multimodal loss per batch (``answer``: the answer's tokens, then EOS):

- next-token: cross-entropy of the answer given the image and the text, plus the answer format:
  -log of the probability mass the first answer token puts on the options (any of them);
- image dropout (weight ``Objective.dropout``): the same text with an empty (white) canvas, the first
  answer token's target uniform over the row's admissible answers, so the text alone picks none;
- counterfactual pair (weight ``Objective.pair``): the same text with the pair's other scene, whose
  answer differs: unlikelihood ``-log(1 - p(first answer token))``, so the answer must follow the image.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from PIL import Image
from transformers import LlavaForConditionalGeneration, LlavaProcessor

from mb_tasks.benchmarks.synth.scene import BACKGROUND, render
from mb_tasks.lab.data import Row, training_rows, vocabulary_texts
from mb_tasks.lab.model import build_model, build_processor, save_checkpoint, single_threaded, vocabulary
from mb_tasks.lab.specs import DataSpec, Objective, TrainSpec
from mb_tasks.lab.vision import CANVAS, cached_vision

#: Where the text-only pretraining stream's seed starts (a stream apart from the multimodal one).
PRETRAIN_SEED_OFFSET = 7919
#: The text-only stream follows common knowledge in every prior row (bananas are yellow), as the text
#: a language model is pretrained on does: a longer pretraining is a stronger language prior.
TEXT_PRIOR_SHARE = 1.0
LOG_EVERY = 100

Model = LlavaForConditionalGeneration


@dataclass
class Batch:
    """Right-padded token ids with their images, the answer tokens as labels (-100 elsewhere), and
    where each row's first answer token is predicted and which it is."""

    input_ids: torch.Tensor
    pixel_values: torch.Tensor | None
    labels: torch.Tensor
    answer_position: torch.Tensor
    answer_ids: torch.Tensor


def learning_rate(peak: float, step: int, total: int) -> float:
    """Linear warm-up over the first 5% of ``total`` steps, then cosine decay to a tenth of ``peak``."""
    warmup = max(1, total // 20)
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return peak * (0.1 + 0.45 * (1 + math.cos(math.pi * progress)))


def chat_text(processor: LlavaProcessor, text: str, image: bool) -> str:
    """The user turn as the llava_hf wrappers render it, ending with the generation prompt."""
    content: list[dict[str, str]] = [{"type": "image"}] if image else []
    content.append({"type": "text", "text": text})
    return processor.apply_chat_template([{"role": "user", "content": content}], add_generation_prompt=True)


def pixels(processor: LlavaProcessor, images: list[Image.Image]) -> torch.Tensor:
    """The images preprocessed as the processor does at evaluation."""
    return processor.image_processor(images, return_tensors="pt")["pixel_values"]


def encode(processor: LlavaProcessor, rows: list[Row], image: bool) -> Batch:
    """The rows' prompts (with their scenes, if ``image``) followed by answer and EOS, tokenised by
    the processor as the llava_hf wrappers do at evaluation."""
    tokenizer = processor.tokenizer
    texts = [f"{chat_text(processor, row.text, image)} {row.answer}{tokenizer.eos_token}" for row in rows]
    images = [render(row.scene) for row in rows] if image else None
    tokens = processor(images=images, text=texts, padding=True, return_tensors="pt")
    ends = tokens["attention_mask"].sum(dim=1)
    answers = [tokenizer(row.answer, add_special_tokens=False)["input_ids"] for row in rows]
    starts = ends - torch.tensor([len(ids) + 1 for ids in answers])
    positions = torch.arange(tokens["input_ids"].shape[1])
    supervised = (positions >= starts[:, None]) & (positions < ends[:, None])
    return Batch(
        input_ids=tokens["input_ids"],
        pixel_values=tokens.get("pixel_values"),
        labels=torch.where(supervised, tokens["input_ids"], -100),
        answer_position=starts - 1,
        answer_ids=torch.tensor([ids[0] for ids in answers]),
    )


def first_token_logits(logits: torch.Tensor, batch: Batch) -> torch.Tensor:
    """Each row's logits predicting its first answer token."""
    return logits[torch.arange(len(logits)), batch.answer_position]


def next_token_loss(logits: torch.Tensor, batch: Batch) -> torch.Tensor:
    """Cross-entropy of every answer token (and EOS), averaged over them."""
    return torch.nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1), batch.labels[:, 1:].flatten())


def option_mass_loss(logits: torch.Tensor, admissible: torch.Tensor) -> torch.Tensor:
    """-log of the probability the first answer token gives the row's admissible answers together
    (the answer format: one of the options, whatever the image), averaged over rows."""
    log_probs = torch.log_softmax(logits, dim=-1)
    return -torch.logsumexp(log_probs.masked_fill(admissible == 0, float("-inf")), dim=-1).mean()


def uniform_answer_loss(logits: torch.Tensor, admissible: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of the first answer token against a uniform target over each row's admissible
    first tokens (``admissible``: a 0/1 mask over the vocabulary, one row per example)."""
    log_probs = torch.log_softmax(logits, dim=-1)
    return -((log_probs * admissible).sum(dim=1) / admissible.sum(dim=1)).mean()


def unlikelihood_loss(logits: torch.Tensor, answer_ids: torch.Tensor) -> torch.Tensor:
    """-log(1 - p(answer_ids)), averaged: the answer must not survive the image's change."""
    probability = torch.softmax(logits, dim=-1).gather(1, answer_ids[:, None]).squeeze(1)
    return -torch.log1p(-probability.clamp(max=1 - 1e-6)).mean()


def admissible_mask(processor: LlavaProcessor, rows: list[Row]) -> torch.Tensor:
    """A 0/1 mask over the vocabulary marking the first token of each row's admissible answers."""
    tokenizer = processor.tokenizer
    mask = torch.zeros(len(rows), len(tokenizer))
    for index, row in enumerate(rows):
        firsts = [tokenizer(answer, add_special_tokens=False)["input_ids"][0] for answer in row.answers]
        mask[index, firsts] = 1.0
    return mask


def empty_canvas() -> Image.Image:
    """The scenes' background with nothing on it (the image-dropout input; not the evaluation's gray)."""
    return Image.new("RGB", (CANVAS, CANVAS), BACKGROUND)


def multimodal_loss(
    model: Model, processor: LlavaProcessor, rows: list[Row], objective: Objective
) -> tuple[torch.Tensor, float]:
    """The step's total loss, and the share of rows whose first answer token is the argmax."""
    batch = encode(processor, rows, image=True)
    admissible = admissible_mask(processor, rows)
    logits = model(input_ids=batch.input_ids, pixel_values=batch.pixel_values).logits
    loss = next_token_loss(logits, batch) + option_mass_loss(first_token_logits(logits, batch), admissible)
    if objective.dropout:
        canvas = pixels(processor, [empty_canvas()]).expand(len(rows), -1, -1, -1)
        blind = first_token_logits(model(input_ids=batch.input_ids, pixel_values=canvas).logits, batch)
        loss = loss + objective.dropout * uniform_answer_loss(blind, admissible)
    if objective.pair:
        partners = pixels(processor, [render(row.partner_scene) for row in rows])
        swapped = first_token_logits(model(input_ids=batch.input_ids, pixel_values=partners).logits, batch)
        loss = loss + objective.pair * unlikelihood_loss(swapped, batch.answer_ids)
    return loss, _first_token_accuracy(logits, batch)


def text_loss(model: Model, processor: LlavaProcessor, rows: list[Row]) -> tuple[torch.Tensor, float]:
    """Next-token loss of the rows' text alone (no image token): the language model's pretraining."""
    batch = encode(processor, rows, image=False)
    logits = model(input_ids=batch.input_ids).logits
    return next_token_loss(logits, batch), _first_token_accuracy(logits, batch)


def _first_token_accuracy(logits: torch.Tensor, batch: Batch) -> float:
    """The share of rows whose first answer token is the argmax."""
    return (first_token_logits(logits, batch).argmax(dim=-1) == batch.answer_ids).float().mean().item()


def weights_hash(model: torch.nn.Module) -> str:
    """sha256 over every parameter and buffer (names in order, then raw bytes)."""
    digest = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        digest.update(name.encode("utf-8"))
        digest.update(tensor.detach().contiguous().cpu().numpy().tobytes())
    return digest.hexdigest()


def pretraining_data(spec: TrainSpec) -> DataSpec:
    """The text-only pretraining stream: common knowledge in every prior row, a seed apart from the
    multimodal stream's."""
    return DataSpec(prior_share=TEXT_PRIOR_SHARE, seed=spec.data.seed + PRETRAIN_SEED_OFFSET)


LossFunction = Callable[[Model, LlavaProcessor, list[Row]], tuple[torch.Tensor, float]]


def run_phase(
    model: Model,
    processor: LlavaProcessor,
    rows: list[Row],
    spec: TrainSpec,
    loss_of: LossFunction,
    log: Callable[[str], None],
) -> list[float]:
    """AdamW over ``rows`` in batches of ``spec.batch``; returns each step's first-token accuracy."""
    optimizer = torch.optim.AdamW(model.parameters(), lr=spec.learning_rate, weight_decay=0.01)
    total = len(rows) // spec.batch
    accuracies: list[float] = []
    for step in range(total):
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(spec.learning_rate, step, total)
        loss, accuracy = loss_of(model, processor, rows[step * spec.batch : (step + 1) * spec.batch])
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        accuracies.append(accuracy)
        if (step + 1) % LOG_EVERY == 0:
            recent = sum(accuracies[-LOG_EVERY:]) / LOG_EVERY
            log(f"  step {step + 1}/{total}: loss {loss.item():.3f}, first-token accuracy {recent:.3f}")
    return accuracies


@single_threaded()
def train(
    spec: TrainSpec, out: Path, log: Callable[[str], None] = print, cache: Path | None = None
) -> dict[str, Any]:
    """Trains the model ``spec`` describes (single-threaded) and saves it in ``out`` with ``lab.json``
    (the spec, the weights' hash, the wall time, the last steps' training accuracy); returns that
    summary. ``cache``: where pretrained vision towers are kept between models."""
    started = time.perf_counter()
    processor = build_processor(spec.backbone, vocabulary(vocabulary_texts()))
    model = build_model(spec.backbone, processor.tokenizer, spec.seed).train()
    log(f"vision tower pretraining ({spec.vision_steps} steps, cached)")
    cached_vision(model.model.vision_tower, processor, spec.backbone, spec.vision_steps, spec.seed, cache)
    if spec.pretrain_steps:
        log(f"text-only pretraining of the language model ({spec.pretrain_steps} steps)")
        text_rows = training_rows(pretraining_data(spec), spec.pretrain_steps * spec.batch)
        run_phase(model, processor, text_rows, spec, text_loss, log)
    log(f"multimodal training ({spec.steps} steps)")
    rows = training_rows(spec.data, spec.steps * spec.batch)
    accuracies = run_phase(
        model, processor, rows, spec, lambda m, p, r: multimodal_loss(m, p, r, spec.objective), log
    )
    save_checkpoint(model, processor, out)
    recent = accuracies[-LOG_EVERY:]
    summary = {
        "spec": asdict(spec),
        "weights_sha256": weights_hash(model),
        "train_seconds": round(time.perf_counter() - started, 1),
        "final_training_accuracy": round(sum(recent) / len(recent), 4),
    }
    (out / "lab.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary
