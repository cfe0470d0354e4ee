"""Tiny random-weight Hugging Face checkpoints built from a config, with a word-level tokenizer and
processor built locally (nothing is downloaded). Their answers are garbage, by design; a silent
checkpoint answers every request with nothing at all."""

from __future__ import annotations

from pathlib import Path

import torch
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import (
    CLIPImageProcessor,
    CLIPVisionConfig,
    LlamaConfig,
    LlavaConfig,
    LlavaForConditionalGeneration,
    LlavaProcessor,
    PreTrainedTokenizerFast,
    Qwen2_5_VLConfig,
    Qwen2_5_VLForConditionalGeneration,
    Qwen2_5_VLProcessor,
    Qwen2TokenizerFast,
    Qwen2VLImageProcessor,
    Qwen2VLVideoProcessor,
)

from mb_tasks.lab.model import LLAVA_TEMPLATE

WORDS = [
    "A",
    "B",
    "C",
    "D",
    "yes",
    "no",
    "red",
    "green",
    "blue",
    "yellow",
    "the",
    "a",
    "is",
    "what",
    "colour",
    "answer",
    ".",
    ",",
    "?",
    ":",
    "USER",
    "ASSISTANT",
]


def _eos_first(special: list[str], eos: str, silent: bool) -> list[str]:
    """Swaps the EOS token to id 0 for a silent checkpoint (the first four ids are the role tokens)."""
    if not silent:
        return special
    roles = special[:4]
    roles.remove(eos)
    return [eos, *roles, *special[4:]]


def _silence(model: torch.nn.Module, silent: bool) -> torch.nn.Module:
    """Zeroes the text model's final norm, so every logit is 0 and greedy decoding picks id 0 (EOS)."""
    if silent:
        with torch.no_grad():
            model.get_decoder().norm.weight.zero_()
    return model


def _tokenizer(
    special: list[str], cls: type[PreTrainedTokenizerFast] = PreTrainedTokenizerFast, **roles: str
) -> PreTrainedTokenizerFast:
    vocab = {token: index for index, token in enumerate([*special, *WORDS])}
    model = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    model.pre_tokenizer = pre_tokenizers.Whitespace()
    return cls(
        tokenizer_object=model,
        additional_special_tokens=special[4:],
        model_input_names=["input_ids", "attention_mask"],
        **roles,
    )


def build_llava(folder: Path, *, silent: bool = False) -> Path:
    """A LLaVA-1.5-shaped model (CLIP vision tower, Llama text model) for lmms-eval's llava_hf;
    ``silent``: its first generated token is EOS, so every answer is empty."""
    torch.manual_seed(0)
    tokenizer = _tokenizer(
        _eos_first(["<unk>", "<s>", "</s>", "<pad>", "<image>"], "</s>", silent),
        unk_token="<unk>", bos_token="<s>", eos_token="</s>", pad_token="<pad>",
    )  # fmt: skip
    ids = tokenizer.convert_tokens_to_ids
    vision = CLIPVisionConfig(
        hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4,
        image_size=30, patch_size=6, projection_dim=32,
    )  # fmt: skip
    text = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=512,
        bos_token_id=ids("<s>"), eos_token_id=ids("</s>"), pad_token_id=ids("<pad>"),
    )  # fmt: skip
    config = LlavaConfig(
        vision_config=vision, text_config=text, image_token_index=ids("<image>"),
        vision_feature_select_strategy="default", vision_feature_layer=-2, image_seq_length=25,
    )  # fmt: skip
    _silence(LlavaForConditionalGeneration(config), silent).eval().save_pretrained(folder)
    image_processor = CLIPImageProcessor(size={"shortest_edge": 30}, crop_size={"height": 30, "width": 30})
    processor = LlavaProcessor(
        image_processor=image_processor, tokenizer=tokenizer, patch_size=6,
        vision_feature_select_strategy="default", num_additional_image_tokens=1, chat_template=LLAVA_TEMPLATE,
    )  # fmt: skip
    processor.save_pretrained(folder)
    return folder


QWEN_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' or 'image' in part %}<|vision_start|><|image_pad|><|vision_end|>"
    "{% elif part['type'] == 'video' or 'video' in part %}<|vision_start|><|video_pad|><|vision_end|>"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}{% endfor %}{% endif %}"
    "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def build_qwen2_5_vl(folder: Path, *, silent: bool = False) -> Path:
    """A Qwen2.5-VL-shaped model for lmms-eval's qwen2_5_vl wrapper; ``silent`` as in build_llava."""
    torch.manual_seed(0)
    special = ["<unk>", "<|endoftext|>", "<|im_end|>", "<|pad|>", "<|im_start|>", "<|vision_start|>",
               "<|vision_end|>", "<|image_pad|>", "<|video_pad|>", "user", "assistant", "system"]  # fmt: skip
    tokenizer = _tokenizer(
        _eos_first(special, "<|im_end|>", silent),
        Qwen2TokenizerFast,
        unk_token="<unk>",
        eos_token="<|im_end|>",
        pad_token="<|pad|>",
    )
    tokenizer.chat_template = QWEN_TEMPLATE
    ids = tokenizer.convert_tokens_to_ids
    config = Qwen2_5_VLConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
        rope_scaling={"type": "mrope", "mrope_section": [1, 1, 2]},
        vision_config={"depth": 2, "hidden_size": 32, "intermediate_size": 37, "num_heads": 4,
                       "out_hidden_size": 32, "patch_size": 14, "spatial_merge_size": 2,
                       "temporal_patch_size": 2, "fullatt_block_indexes": [1], "window_size": 56},
        image_token_id=ids("<|image_pad|>"), video_token_id=ids("<|video_pad|>"),
        vision_start_token_id=ids("<|vision_start|>"), vision_end_token_id=ids("<|vision_end|>"),
        bos_token_id=ids("<|endoftext|>"), eos_token_id=ids("<|im_end|>"), pad_token_id=ids("<|pad|>"),
        tie_word_embeddings=False,
    )  # fmt: skip
    _silence(Qwen2_5_VLForConditionalGeneration(config), silent).eval().save_pretrained(folder)
    image_processor = Qwen2VLImageProcessor(min_pixels=56 * 56, max_pixels=112 * 112)
    processor = Qwen2_5_VLProcessor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        video_processor=Qwen2VLVideoProcessor(),
        chat_template=QWEN_TEMPLATE,
    )
    processor.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
