"""Task settings from YAML metadata and the per-model no_image policy."""

from __future__ import annotations

import pytest

from mb_tasks.lmms.settings import GRAY_IMAGE, TEXT_ONLY, blind_mode_for, settings_from_config
from mb_tasks.records import VARIANTS


def test_llava_hf_defaults_to_a_gray_image_and_kwargs_override() -> None:
    assert blind_mode_for("llava_hf", None) == GRAY_IMAGE
    assert blind_mode_for("qwen2_5_vl", {}) == TEXT_ONLY
    assert blind_mode_for("llava_hf", {"modbias_no_image": TEXT_ONLY}) == TEXT_ONLY
    assert blind_mode_for("qwen2_5_vl", {"modbias_no_image": GRAY_IMAGE}) == GRAY_IMAGE


def test_settings_from_metadata() -> None:
    settings = settings_from_config(
        "modbias_synth",
        {"version": 1, "modbias": {"variants": ["no_image", "original"], "seed": 3}},
        None,
        None,
    )
    assert settings.benchmark == "synth" and settings.seed == 3
    assert settings.variants == ("original", "no_image")  # canonical order
    assert settings_from_config("modbias_synth", None, None, None).variants == VARIANTS


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"modbias": {"variants": ["orignal"]}}, "unknown variant"),
        ({"modbias": {"varients": ["original"]}}, "unknown metadata.modbias key"),
        ({"modbias": {"benchmark": "nope"}}, "no benchmark adapter named 'nope'"),
    ],
)
def test_bad_settings_fail_clearly(metadata: dict, message: str) -> None:
    with pytest.raises((ValueError, KeyError), match=message):
        settings_from_config("modbias_synth", metadata, None, None)


def test_bad_blind_mode_fails_clearly() -> None:
    with pytest.raises(ValueError, match="modbias_no_image: 'grey' is not one of"):
        settings_from_config("modbias_synth", None, "m", {"modbias_no_image": "grey"})
