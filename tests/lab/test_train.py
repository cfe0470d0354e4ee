"""The training loop: deterministic (same spec -> same weights), the losses against independent
computations, and a saved checkpoint that renders prompts as both llava_hf wrappers do."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from PIL import Image
from transformers import AutoProcessor, LlavaForConditionalGeneration

from mb_tasks.lab.data import training_rows, vocabulary_texts
from mb_tasks.lab.model import build_processor, vocabulary
from mb_tasks.lab.specs import Backbone, DataSpec, Objective, TrainSpec
from mb_tasks.lab.train import (
    chat_text,
    encode,
    option_mass_loss,
    pretraining_data,
    train,
    uniform_answer_loss,
    unlikelihood_loss,
)

#: A model small and short enough to train twice in seconds, with every loss term switched on.
TINY = TrainSpec(
    data=DataSpec(prior_share=0.75),
    backbone=Backbone(text_hidden=16, vision_hidden=16, text_layers=1, vision_layers=1),
    objective=Objective(dropout=0.5, pair=0.5),
    steps=4,
    vision_steps=2,
    pretrain_steps=2,
    batch=4,
)


@pytest.fixture(scope="module")
def tiny_runs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict]]:
    """The TINY spec trained twice, and once with another seed."""
    runs = []
    for name, spec in (("first", TINY), ("again", TINY), ("other_seed", replace(TINY, seed=1))):
        folder = tmp_path_factory.mktemp(name)
        runs.append((folder, train(spec, folder, log=lambda _: None)))
    return runs


def test_same_spec_same_weights(tiny_runs: list[tuple[Path, dict]]) -> None:
    (_, first), (_, again), (_, other) = tiny_runs
    assert first["weights_sha256"] == again["weights_sha256"]
    assert first["weights_sha256"] != other["weights_sha256"]
    files = [(folder / "model.safetensors").read_bytes() for folder, _ in tiny_runs[:2]]
    assert files[0] == files[1]


def test_training_runs_on_one_thread_and_gives_the_caller_s_settings_back(tmp_path: Path) -> None:
    """Training sees one thread (checked at each of its log lines); the caller's settings come back."""
    before = torch.get_num_threads()
    threads_seen: list[int] = []

    def log(_: str) -> None:
        threads_seen.append(torch.get_num_threads())

    torch.set_num_threads(2)
    try:
        train(replace(TINY, steps=1, pretrain_steps=0), tmp_path, log=log)
        after = torch.get_num_threads(), torch.are_deterministic_algorithms_enabled()
    finally:
        torch.set_num_threads(before)
    assert len(threads_seen) >= 2 and set(threads_seen) == {1}
    assert after == (2, False)


def test_checkpoint_renders_both_wrappers_prompts_alike(tiny_runs: list[tuple[Path, dict]]) -> None:
    """The chat llava_hf applies the processor's template to message parts, the simple one the
    tokenizer's template to "<image>\\n" + prompt: the same text, the one the training used."""
    folder = tiny_runs[0][0]
    processor = AutoProcessor.from_pretrained(folder)
    parts = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "What colour?"}]}]
    chat = processor.apply_chat_template(parts, add_generation_prompt=True)
    simple = processor.tokenizer.apply_chat_template(
        [{"role": "user", "content": "<image>\nWhat colour?"}], tokenize=False, add_generation_prompt=True
    )
    assert (
        chat
        == simple
        == chat_text(processor, "What colour?", image=True)
        == "USER: <image>\nWhat colour? ASSISTANT:"
    )
    model = LlavaForConditionalGeneration.from_pretrained(folder)
    inputs = processor(images=[Image.new("RGB", (224, 224), "red")], text=[chat], return_tensors="pt")
    image_tokens = (inputs["input_ids"] == model.config.image_token_id).sum().item()
    assert image_tokens == TINY.backbone.image_tokens


def test_encode_supervises_the_answer_and_eos_only() -> None:
    processor = build_processor(Backbone(), vocabulary(vocabulary_texts()))
    rows = training_rows(DataSpec(), 16)
    batch = encode(processor, rows, image=True)
    tokenizer = processor.tokenizer
    for index, row in enumerate(rows):
        supervised = batch.labels[index][batch.labels[index] != -100].tolist()
        assert tokenizer.decode(supervised[:-1]) == row.answer
        assert supervised[-1] == tokenizer.eos_token_id
        assert batch.input_ids[index, batch.answer_position[index] + 1] == batch.answer_ids[index]


def test_losses_match_their_formulas() -> None:
    logits = torch.tensor([[2.0, 0.0, -1.0, 1.0], [0.5, 0.5, 0.5, 0.5]])
    admissible = torch.tensor([[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0]])
    probabilities = [[math.exp(v) / sum(math.exp(w) for w in row) for v in row] for row in logits.tolist()]
    mass = [probabilities[0][0] + probabilities[0][3], probabilities[1][1] + probabilities[1][2]]
    assert option_mass_loss(logits, admissible).item() == pytest.approx(
        -(math.log(mass[0]) + math.log(mass[1])) / 2
    )
    uniform = [-(math.log(probabilities[0][0]) + math.log(probabilities[0][3])) / 2, -math.log(0.25)]
    assert uniform_answer_loss(logits, admissible).item() == pytest.approx(sum(uniform) / 2)
    answers = torch.tensor([0, 2])
    expected = -(math.log(1 - probabilities[0][0]) + math.log(1 - probabilities[1][2])) / 2
    assert unlikelihood_loss(logits, answers).item() == pytest.approx(expected)


def test_text_pretraining_reads_common_knowledge_only() -> None:
    """The language model's text-only stream agrees with the prior in every prior row (as the text a real
    language model reads does), whatever the multimodal data's share, and is not the multimodal stream."""
    spec = replace(TINY, data=DataSpec(prior_share=0.5))
    text_rows = training_rows(pretraining_data(spec), 400)
    assert {row.follows_prior for row in text_rows} == {True, None}
    assert not {row.text for row in text_rows[:40]} & {row.text for row in training_rows(spec.data, 400)}
