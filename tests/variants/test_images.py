import hashlib
import io
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from mb_tasks.variants import images
from mb_tasks.variants.images import (
    NOISE_MEAN,
    NOISE_STD,
    ItemImageError,
    blank_like,
    content_hash,
    noise_like,
    open_item_image,
    to_rgb,
)
from mb_tasks.variants.seeds import rng

ROOT = Path(__file__).resolve().parents[2]


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_blank_is_uniform_gray_rgb_of_the_same_size():
    blank = blank_like(Image.new("L", (37, 11), 3))
    assert blank.mode == "RGB" and blank.size == (37, 11)
    assert set(np.asarray(blank).ravel().tolist()) == {128}


def test_noise_is_byte_identical_for_the_same_seed_and_differs_for_another():
    image = Image.new("RGB", (64, 48))
    first, again, other = noise_like(image, "b", 1), noise_like(image, "b", 1), noise_like(image, "b", 2)
    assert first.mode == "RGB" and first.size == (64, 48)
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()
    pixels = np.asarray(first, dtype=np.float64)
    assert abs(pixels.mean() - 128) < 3
    assert 50 < pixels.std() < 70


def test_noise_of_a_one_pixel_image():
    assert noise_like(Image.new("RGB", (1, 1)), "s").size == (1, 1)


def test_noise_is_the_seeded_normal_draw_whatever_the_band_size(monkeypatch):
    """Drawn a band of rows at a time, the noise is the all-at-once draw of its definition."""
    size = (53, 37)
    whole = rng("noise", "b", 3).normal(NOISE_MEAN, NOISE_STD, size=(size[1], size[0], 3))
    expected = np.clip(np.rint(whole), 0, 255).astype(np.uint8).tobytes()
    for band_values in (1, 3 * 53, 1000, 1 << 20):
        monkeypatch.setattr(images, "NOISE_BAND_VALUES", band_values)
        assert noise_like(Image.new("RGB", size), "b", 3).tobytes() == expected


def _noise_digest() -> str:
    noise = noise_like(Image.new("RGB", (300, 200)), "mmstar", "17", 0, 0)
    return hashlib.sha256(noise.tobytes()).hexdigest()


def test_noise_is_the_same_in_processes_with_other_hash_seeds():
    script = "from tests.variants.test_images import _noise_digest; print(_noise_digest())"
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert digests == {_noise_digest()}


def test_noise_of_a_large_image_needs_little_more_than_the_image():
    image = Image.new("RGB", (2000, 2000))
    tracemalloc.start()
    try:
        noise = noise_like(image, "big")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert noise.size == (2000, 2000)
    assert peak < 1.5 * 2000 * 2000 * 3  # the uint8 pixels plus one band of float64 normals


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        (Image.new("L", (3, 2), 77), (77, 77, 77)),
        (Image.new("1", (3, 2), 1), (255, 255, 255)),
        (Image.new("LA", (3, 2), (10, 0)), (255, 255, 255)),  # fully transparent over white
        (Image.new("LA", (3, 2), (10, 255)), (10, 10, 10)),
        (Image.new("RGBA", (3, 2), (200, 100, 0, 255)), (200, 100, 0)),
        (Image.new("RGBA", (3, 2), (0, 0, 0, 0)), (255, 255, 255)),
        (Image.new("CMYK", (3, 2), (0, 0, 0, 0)), (255, 255, 255)),
        (Image.new("I;16", (3, 2), 65535), (255, 255, 255)),
        (Image.new("I;16", (3, 2), 257 * 100), (100, 100, 100)),
        (Image.new("I", (3, 2), 257 * 40), (40, 40, 40)),
        (Image.new("F", (3, 2), 0.5), (128, 128, 128)),
        (Image.new("I", (1, 1), 9), (9, 9, 9)),
    ],
    ids=["L", "1", "LA-clear", "LA-opaque", "RGBA", "RGBA-clear", "CMYK", "I16-max", "I16", "I", "F", "1x1"],
)
def test_to_rgb_converts_every_mode(image, expected):
    rgb = to_rgb(image)
    assert rgb.mode == "RGB" and rgb.size == image.size
    assert rgb.getpixel((0, 0)) == expected


def test_to_rgb_keeps_a_dark_sixteen_bit_image_dark():
    # 16-bit values are always divided by 257, even when they all happen to be below 256.
    assert to_rgb(Image.new("I;16", (2, 2), 200)).getpixel((0, 0)) == (1, 1, 1)


def test_to_rgb_of_a_palette_image_with_transparency():
    palette = Image.new("P", (2, 1))
    palette.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    palette.putpixel((1, 0), 1)
    assert to_rgb(palette).getpixel((0, 0)) == (255, 0, 0)
    assert to_rgb(palette).getpixel((1, 0)) == (0, 0, 255)
    palette.info["transparency"] = 0
    assert to_rgb(palette).getpixel((0, 0)) == (255, 255, 255)


def test_to_rgb_of_a_sixteen_bit_png_read_back():
    array = np.array([[0, 65535], [257 * 8, 257 * 128]], dtype=np.uint16)
    decoded = open_item_image(_png_bytes(Image.fromarray(array)), "png16")
    assert decoded.mode.startswith("I")
    assert np.asarray(to_rgb(decoded))[:, :, 0].tolist() == [[0, 255], [8, 128]]


def test_content_hash_tells_pixels_apart():
    image = Image.new("RGB", (4, 4), (1, 2, 3))
    same = Image.new("RGB", (4, 4), (1, 2, 3))
    changed = same.copy()
    changed.putpixel((3, 3), (1, 2, 4))
    assert content_hash(image) == content_hash(same)
    assert content_hash(image) != content_hash(changed)
    assert content_hash(Image.new("L", (4, 4))) != content_hash(Image.new("L", (2, 8)))


def test_open_item_image_accepts_every_container():
    image = Image.new("RGB", (5, 3), (9, 8, 7))
    encoded = _png_bytes(image)
    for value in (image, encoded, {"bytes": encoded, "path": None}):
        opened = open_item_image(value, "item-1")
        assert opened.size == (5, 3) and opened.convert("RGB").getpixel((0, 0)) == (9, 8, 7)


def test_open_item_image_reads_a_path(tmp_path):
    path = tmp_path / "one.png"
    Image.new("L", (1, 1), 5).save(path)
    assert open_item_image({"bytes": None, "path": str(path)}, 3).getpixel((0, 0)) == 5


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, "missing image"),
        ({"bytes": None, "path": None}, "missing image"),
        (b"", "missing image"),
        (b"not an image at all", "corrupt"),
        ({"bytes": None, "path": "/nonexistent/x.png"}, "not found"),
    ],
)
def test_open_item_image_names_the_item_and_the_problem(value, problem):
    with pytest.raises(ItemImageError, match=rf"item q-42: .*{problem}"):
        open_item_image(value, "q-42")


@pytest.mark.parametrize("load_truncated", [False, True], ids=["pil-default", "as-lmms-eval-sets-it"])
def test_a_truncated_image_is_corrupt(monkeypatch, load_truncated):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated)
    encoded = _png_bytes(noise_like(Image.new("RGB", (32, 32)), "t"))
    with pytest.raises(ItemImageError, match="item 7: corrupt"):
        open_item_image(encoded[: len(encoded) // 2], 7)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is load_truncated


def test_an_image_over_the_decompression_bomb_limit_is_a_clear_error(monkeypatch):
    encoded = _png_bytes(Image.new("L", (40, 30)))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    # 1200 pixels: PIL itself only warns below twice its limit; modbias refuses it.
    with pytest.raises(ItemImageError, match=r"item big-1: .*decompression-bomb limit of 1000 pixels"):
        open_item_image(encoded, "big-1")
    with pytest.raises(ItemImageError, match=r"item big-2: image of 40x30 pixels exceeds"):
        open_item_image(Image.new("L", (40, 30)), "big-2")
    assert isinstance(ItemImageError("x"), ValueError)


def test_a_header_check_reads_no_pixels_but_catches_bombs_and_garbage(monkeypatch):
    encoded = _png_bytes(noise_like(Image.new("RGB", (32, 32)), "h"))
    truncated = encoded[: len(encoded) // 2]
    assert open_item_image(truncated, "h-1", decode=False).size == (32, 32)  # header only
    with pytest.raises(ItemImageError, match="item h-2: corrupt"):
        open_item_image(b"garbage", "h-2", decode=False)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(ItemImageError, match=r"item h-3: .*decompression-bomb limit of 100 pixels"):
        open_item_image(encoded, "h-3", decode=False)
