"""The bad-input audit's MMStar fixture (BAD_INPUT_AUDIT.md, ``make_bad_mmstar.py``): local copies with
MMStar's real fields (tests/benchmarks/local_data) under ``DIR/<name>/mmstar``:

- ``bad``: 17 bad rows first (so a ``--limit`` run reaches them), then the 8 good ones;
- ``single``: one good item; ``empty``: no row; ``no_answer_column``: the good rows without ``answer``.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import datasets
from PIL import Image

from tests.benchmarks.local_data import mmstar_rows, png

OPTIONS = "\nOptions: A: a cat, B: a dog, C: a red car, D: birds"


def _encoded(image: Image.Image, image_format: str = "PNG", **save_options: Any) -> dict[str, Any]:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save_options)
    return {"bytes": buffer.getvalue(), "path": None}


def _declared(width: int, height: int) -> dict[str, Any]:
    """A 1x1 PNG whose IHDR says ``width`` x ``height`` (with a valid CRC)."""
    raw = png(0, (1, 1))["bytes"]
    header = bytearray(raw[16:29])
    header[0:8] = struct.pack(">II", width, height)
    chunk = b"IHDR" + bytes(header)
    return {"bytes": raw[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + raw[33:], "path": None}


def _bad_specs() -> list[tuple[str, str, str, Any]]:
    """(label, question, answer, image) of each bad row, in row order."""
    rgb = Image.new("RGB", (48, 32), (10, 200, 30))
    truncated = png(300, (64, 64))["bytes"]
    return [
        ("zero_byte_image", "Q?" + OPTIONS, "A", {"bytes": b"", "path": None}),
        ("truncated_png", "Q?" + OPTIONS, "B", {"bytes": truncated[: len(truncated) // 2], "path": None}),
        ("non_image_bytes", "Q?" + OPTIONS, "C", {"bytes": b"not an image", "path": None}),
        ("cmyk_jpeg", "Q?" + OPTIONS, "D", _encoded(rgb.convert("CMYK"), "JPEG")),
        ("p_png_transparency", "Q?" + OPTIONS, "A", _encoded(rgb.convert("P"), transparency=0)),
        ("la_png", "Q?" + OPTIONS, "B", _encoded(rgb.convert("LA"))),
        ("i16_png", "Q?" + OPTIONS, "C", _encoded(Image.new("I;16", (40, 30), 40000))),
        ("one_by_one", "Q?" + OPTIONS, "D", png(7, (1, 1))),
        ("bomb_declared_20000", "Q?" + OPTIONS, "A", _declared(20000, 20000)),
        ("bomb_real_20000", "Q?" + OPTIONS, "A", _encoded(Image.new("1", (20000, 20000), 0))),
        ("bomb_12000", "Q?" + OPTIONS, "B", _declared(12000, 12000)),
        ("missing_options", "Q with no options?", "A", png(40)),
        ("answer_E", "Q?" + OPTIONS, "E", png(41)),
        ("answer_empty", "Q?" + OPTIONS, "", png(42)),
        ("two_options_answer_C", "Q?\nOptions: A: yes it is, B: no it is not", "C", png(43)),
        ("image_none", "Q?" + OPTIONS, "A", None),
        ("duplicate_index_0", "Q?" + OPTIONS, "C", png(44)),
    ]


#: The labels of the bad rows, in row order (row j has index 100 + j, except the duplicate's 0).
BAD_LABELS: tuple[str, ...] = tuple(label for label, *_ in _bad_specs())


def good_rows() -> list[dict[str, Any]]:
    """The 8 good MMStar rows (index 0-7)."""
    rows, _ = mmstar_rows()
    return [{name: values[i] for name, values in rows.items()} for i in range(len(rows["index"]))]


def bad_rows(labels: tuple[str, ...] = BAD_LABELS) -> list[dict[str, Any]]:
    """The bad rows with these labels, in row order; the category names the label."""
    return [
        {
            "index": 0 if label.startswith("duplicate") else 100 + position,
            "question": question,
            "image": image,
            "answer": answer,
            "category": label,
            "l2_category": "bad",
            "meta_info": {"source": label, "split": "val", "image_path": ""},
        }
        for position, (label, question, answer, image) in enumerate(_bad_specs())
        if label in labels
    ]


def save_mmstar(folder: Path, rows: list[dict[str, Any]], drop: tuple[str, ...] = ()) -> Path:
    """``rows`` saved as a local copy ``folder/mmstar`` (split ``val``) without the ``drop`` columns."""
    _, features = mmstar_rows()
    kept = datasets.Features({name: feature for name, feature in features.items() if name not in drop})
    columns = {name: [row[name] for row in rows] for name in kept}
    split = datasets.Dataset.from_dict(columns, features=kept)
    # num_shards: datasets cannot size an empty split with an image feature
    datasets.DatasetDict({"val": split}).save_to_disk(str(folder / "mmstar"), num_shards={"val": 1})
    return folder


def write_bad_mmstar(out: Path) -> dict[str, Path]:
    """The four local-copy folders (``--data-dir`` values) by name."""
    good = good_rows()
    return {
        "bad": save_mmstar(out / "bad", bad_rows() + good),
        "single": save_mmstar(out / "single", good[:1]),
        "empty": save_mmstar(out / "empty", []),
        "no_answer_column": save_mmstar(out / "no_answer_column", good, drop=("answer",)),
    }
