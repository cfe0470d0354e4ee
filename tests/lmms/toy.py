"""A small image benchmark for the glue tests: a registered adapter and real ``datasets`` data.

Each item asks which colour the picture is (A-D); the image column is a real ``datasets.Image``
feature, so expansion sees undecoded {"bytes", "path"} values exactly as with a hub dataset.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import datasets
import numpy as np
from PIL import Image

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError, encoded_image_key, register
from mb_tasks.suite.bindings import binding_name, write_bindings
from mb_tasks.task_folders import TASK_YAMLS

COLOURS = ("red", "green", "blue", "yellow")
RGB = {"red": (220, 20, 20), "green": (20, 200, 20), "blue": (20, 20, 220), "yellow": (230, 230, 20)}
TEMPLATE = TASK_YAMLS / "_modbias_template_yaml"


@register
class ToyAdapter(BenchmarkAdapter):
    name = "toy"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        if not doc["options"]:
            raise ItemError(f"item {doc['id']}: no options")
        return Item(
            pair_id=doc["id"],
            category=doc["category"],
            answer_type="mcq",
            target=doc["answer"],
            options=tuple(doc["options"]),
            image_key=encoded_image_key(doc["image"]),
        )

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        kwargs = lmms_eval_specific_kwargs or {}
        lines = [f"{letter}. {option}" for letter, option in zip("ABCD", doc["options"], strict=False)]
        return "\n".join(
            [
                f"{kwargs.get('pre_prompt', '')}<image>\n{doc['question']}",
                *lines,
                kwargs.get("post_prompt", ""),
            ]
        )


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def colour_image(colour: str, size: tuple[int, int] = (32, 24), mode: str = "RGB") -> Image.Image:
    image = Image.new("RGB", size, RGB[colour])
    if mode == "I;16":
        return Image.fromarray(np.asarray(image.convert("L")).astype(np.uint16) * 257)
    return image.convert(mode)


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels (over PIL's bomb limit); no pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def truncated_png(colour: str = "red") -> bytes:
    """A PNG with a valid header whose pixel data is cut off (fails only when decoded)."""
    data = png(Image.effect_noise((64, 64), 50).convert("RGB"))
    return data[: len(data) // 2]


def docs(count: int, categories: int = 2) -> list[dict[str, Any]]:
    """``count`` well-formed items: item i shows COLOURS[i % 4] and asks for its colour."""
    result = []
    for index in range(count):
        colour = COLOURS[index % len(COLOURS)]
        result.append(
            {
                "id": f"toy-{index:03d}",
                "category": f"cat{index % categories}",
                "question": "Which colour fills the picture?",
                "options": list(COLOURS),
                "answer": "ABCD"[COLOURS.index(colour)],
                "image": {"bytes": png(colour_image(colour, size=(32 + index, 24))), "path": None},
            }
        )
    return result


FEATURES = datasets.Features(
    {
        "id": datasets.Value("string"),
        "category": datasets.Value("string"),
        "question": datasets.Value("string"),
        "options": datasets.Sequence(datasets.Value("string")),
        "answer": datasets.Value("string"),
        "image": datasets.Image(),
    }
)


def dataset(rows: list[dict[str, Any]]) -> datasets.Dataset:
    return datasets.Dataset.from_list(rows, features=FEATURES)


def write_task(
    folder: Path, rows: list[dict[str, Any]], variants: list[str], name: str = "modbias_toy"
) -> Path:
    """A task folder: the dataset saved with ``save_to_disk``, a YAML including the template and the
    ``utils.py`` binding its process_docs."""
    data = folder / "data"
    datasets.DatasetDict({"test": dataset(rows)}).save_to_disk(str(data))
    (folder / f"{name}.yaml").write_text(
        f"include: {TEMPLATE}\n"
        f"task: {name}\n"
        f"process_docs: !function utils.{binding_name(name)}\n"
        f"dataset_path: {data}\n"
        "dataset_kwargs:\n  load_from_disk: true\n"
        "test_split: test\n"
        "generation_kwargs:\n  max_new_tokens: 8\n  do_sample: false\n"
        "lmms_eval_specific_kwargs:\n  default:\n    pre_prompt: ''\n"
        "    post_prompt: Answer with the letter.\n"
        f"metadata:\n  modbias:\n    benchmark: toy\n    variants: {variants}\n"
    )
    write_bindings(folder)
    return folder


def saved_split(folder: Path, rows: list[dict[str, Any]]) -> str:
    """The rows saved with ``save_to_disk`` and loaded back: the JSON list of the split's Arrow files."""
    dataset(rows).save_to_disk(str(folder))
    return json.dumps([entry["filename"] for entry in datasets.load_from_disk(str(folder)).cache_files])


def hand_row(files: str, index: int, variant: str, **fields: Any) -> dict[str, Any]:
    """An expanded row of toy item ``index`` typed out by hand (what the expansion would write, made
    without it): gold "ABCD"[index % 4], task variants original and no_image."""
    row = {
        "benchmark": "toy", "pair_id": f"toy-{index:03d}", "variant": variant, "seed": 0,
        "category": f"cat{index % 2}", "cluster": None, "answer_type": "mcq",
        "target": json.dumps("ABCD"[index % 4]), "options": json.dumps(COLOURS), "cf_target": None,
        "cf_index": None, "base_files": files, "base_index": index, "donor_index": None,
        "donor_id": None, "hint_answer": None, "hint_template": None, "hint_text": None,
        "task_variants": '["original", "no_image"]', "task_has_yesno": False, "item_variants": 2,
        "expansion_problems": [],
    }  # fmt: skip
    return row | fields
