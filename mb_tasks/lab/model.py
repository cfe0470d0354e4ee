"""The lab's model: a LLaVA-1.5-shaped ``LlavaForConditionalGeneration`` (CLIP vision tower, Llama
text model) built from a config, with a word-level tokenizer and a processor that lmms-eval's
``llava_hf`` wrappers (chat and simple) load from the saved folder; nothing is downloaded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
)

from mb_tasks.lab.specs import Backbone

SPECIAL_TOKENS: tuple[str, ...] = ("<unk>", "<s>", "</s>", "<pad>", "<image>")
IMAGE_TOKEN = "<image>"

#: LLaVA-1.5's chat form ("USER: <image>\n... ASSISTANT:"); it renders the chat wrapper's messages
#: (parts) and the simple wrapper's string content ("<image>\n" + prompt) to the same text.
LLAVA_TEMPLATE = (
    "{% for message in messages %}{{ 'USER: ' if message['role'] == 'user' else 'ASSISTANT: ' }}"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<image>\n{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}{{ ' ' if message['role'] == 'user' else '</s>' }}{% endfor %}"
    "{% if add_generation_prompt %}ASSISTANT:{% endif %}"
)


@contextmanager
def single_threaded() -> Iterator[None]:
    """One thread (the machine's cores are shared) and deterministic kernels inside the block; the
    caller's settings again after it."""
    threads, deterministic = torch.get_num_threads(), torch.are_deterministic_algorithms_enabled()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
        torch.use_deterministic_algorithms(deterministic)


def vocabulary(texts: Iterable[str]) -> list[str]:
    """The special tokens, then every distinct pre-token of ``texts`` (and the chat roles) in order."""
    splitter = pre_tokenizers.Whitespace()
    words: dict[str, None] = dict.fromkeys(SPECIAL_TOKENS)
    for text in ["USER: ASSISTANT:", *texts]:
        words.update(dict.fromkeys(piece for piece, _ in splitter.pre_tokenize_str(text)))
    return list(words)


def build_tokenizer(words: list[str]) -> PreTrainedTokenizerFast:
    """A word-level tokenizer over ``words`` (unknown words become ``<unk>``) with the chat template."""
    model = Tokenizer(models.WordLevel({word: index for index, word in enumerate(words)}, unk_token="<unk>"))
    model.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=model,
        unk_token="<unk>",
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        additional_special_tokens=[IMAGE_TOKEN],
        model_input_names=["input_ids", "attention_mask"],
    )
    tokenizer.chat_template = LLAVA_TEMPLATE
    return tokenizer


def build_processor(backbone: Backbone, words: list[str]) -> LlavaProcessor:
    """The LLaVA processor: CLIP preprocessing at the backbone's image size and the tokenizer."""
    size = backbone.image_size
    image_processor = CLIPImageProcessor(
        size={"shortest_edge": size}, crop_size={"height": size, "width": size}
    )
    return LlavaProcessor(
        image_processor=image_processor,
        tokenizer=build_tokenizer(words),
        patch_size=backbone.patch_size,
        vision_feature_select_strategy="default",
        num_additional_image_tokens=1,
        chat_template=LLAVA_TEMPLATE,
    )


def build_model(
    backbone: Backbone, tokenizer: PreTrainedTokenizerFast, seed: int
) -> LlavaForConditionalGeneration:
    """A freshly initialised model (weights from ``torch.manual_seed(seed)``)."""
    ids = tokenizer.convert_tokens_to_ids
    vision = CLIPVisionConfig(
        hidden_size=backbone.vision_hidden,
        intermediate_size=backbone.vision_hidden * 2,
        num_hidden_layers=backbone.vision_layers,
        num_attention_heads=backbone.heads,
        image_size=backbone.image_size,
        patch_size=backbone.patch_size,
        projection_dim=backbone.vision_hidden,
    )
    text = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=backbone.text_hidden,
        intermediate_size=backbone.text_hidden * 2,
        num_hidden_layers=backbone.text_layers,
        num_attention_heads=backbone.heads,
        num_key_value_heads=backbone.heads,
        max_position_embeddings=512,
        bos_token_id=ids("<s>"),
        eos_token_id=ids("</s>"),
        pad_token_id=ids("<pad>"),
    )
    config = LlavaConfig(
        vision_config=vision,
        text_config=text,
        image_token_index=ids(IMAGE_TOKEN),
        vision_feature_select_strategy="default",
        vision_feature_layer=-1,
        image_seq_length=backbone.image_tokens,
    )
    torch.manual_seed(seed)
    model = LlavaForConditionalGeneration(config)
    # The text model's small initialisation (std 0.02) would shrink the image features to a near
    # constant; PyTorch's default initialisation of the projector keeps them apart from the start.
    for layer in (model.multi_modal_projector.linear_1, model.multi_modal_projector.linear_2):
        layer.reset_parameters()
    return model


def save_checkpoint(model: LlavaForConditionalGeneration, processor: LlavaProcessor, folder: Path) -> Path:
    """The model, processor and tokenizer in ``folder`` (what ``llava_hf`` loads as ``pretrained``)."""
    folder.mkdir(parents=True, exist_ok=True)
    model.eval().save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder
