"""Task settings from YAML metadata, and the per-model no_image policy from the kwargs lmms-eval
resolves for the model (every task YAML gives llava_hf its gray image)."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest

from mb_tasks.benchmarks.base import adapter
from mb_tasks.lmms.settings import (
    BLIND_MODE_DEFAULTS,
    BLIND_MODE_KEY,
    GRAY_IMAGE,
    TEXT_ONLY,
    no_image_policy,
    settings_from_config,
)
from mb_tasks.records import VARIANTS
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import TASK_YAMLS


def resolved_kwargs(kwargs: dict, model: str) -> dict:
    """The kwargs lmms-eval hands ``model``'s requests, resolved by lmms-eval's own code."""
    from lmms_eval.api.task import ConfigurableTask

    config = SimpleNamespace(
        lmms_eval_specific_kwargs=copy.deepcopy(kwargs),
        model_specific_target_kwargs=None,
        model_specific_generation_kwargs=None,
    )
    task = SimpleNamespace(config=config, model_name=model)
    ConfigurableTask._prepare_model_specific_config(task)
    return task.lmms_eval_specific_kwargs


def test_the_policy_is_the_kwarg_else_text_only() -> None:
    assert no_image_policy(None) == TEXT_ONLY
    assert no_image_policy({"pre_prompt": ""}) == TEXT_ONLY
    assert no_image_policy({BLIND_MODE_KEY: GRAY_IMAGE}) == GRAY_IMAGE
    with pytest.raises(ValueError, match="modbias_no_image: 'grey' is not one of text_only, gray_image"):
        no_image_policy({BLIND_MODE_KEY: "grey"})


@pytest.mark.parametrize(
    "task",
    sorted(
        name
        for name, entry in suite_index(TASK_YAMLS).tasks.items()
        if adapter(settings_from_config(name, entry.config.get("metadata")).benchmark).modality != "audio"
    ),
)
def test_every_task_gives_llava_hf_a_gray_image_and_the_default_prompt(task: str) -> None:
    """The wrappers that break on text-only requests get their policy from every image and video
    task YAML, with the same prompt settings as any model the task does not list; any other model gets
    text_only. (An audio task's text-only variants get no visual under any policy: test_audio_requests.)"""
    kwargs = suite_index(TASK_YAMLS).tasks[task].config["lmms_eval_specific_kwargs"]
    for wrapper, policy in BLIND_MODE_DEFAULTS.items():
        own = resolved_kwargs(kwargs, wrapper)
        assert no_image_policy(own) == policy
        assert {key: value for key, value in own.items() if key != BLIND_MODE_KEY} == kwargs["default"]
    assert no_image_policy(resolved_kwargs(kwargs, "qwen2_5_vl")) == TEXT_ONLY


def test_settings_from_metadata() -> None:
    settings = settings_from_config(
        "modbias_synth", {"version": 1, "modbias": {"variants": ["no_image", "original"], "seed": 3}}
    )
    assert settings.benchmark == "synth" and settings.seed == 3
    assert settings.variants == ("original", "no_image")  # canonical order
    assert settings_from_config("modbias_synth", None).variants == VARIANTS
    assert settings.video_frames is None
    video = settings_from_config("modbias_videomme", {"modbias": {"video_frames": 32}})
    assert video.benchmark == "videomme" and video.video_frames == 32


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"modbias": {"variants": ["orignal"]}}, "unknown variant"),
        ({"modbias": {"varients": ["original"]}}, "unknown metadata.modbias key"),
        ({"modbias": {"benchmark": "nope"}}, "no benchmark adapter named 'nope'"),
        ({"modbias": {"video_frames": 8}}, "video_frames applies to video benchmarks only"),
        ({"modbias": {"benchmark": "videomme", "video_frames": 0}}, "must be a positive integer, not 0"),
        ({"modbias": {"benchmark": "videomme", "video_frames": "8"}}, "must be a positive integer, not '8'"),
    ],
)
def test_bad_settings_fail_clearly(metadata: dict, message: str) -> None:
    with pytest.raises((ValueError, KeyError), match=message):
        settings_from_config("modbias_synth", metadata)
