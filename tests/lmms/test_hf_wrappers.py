"""Real Hugging Face model classes through lmms-eval's own wrappers, over every variant.

The checkpoints are tiny and random (built from a config in tiny_models.py, nothing downloaded), so
the answers are garbage; what is checked is that every request produces its record, the per-model
no_image policy, and, with silent checkpoints whose first token is EOS, that empty answers are
invalid (never a plain miss) all the way into lmms-eval's results and the report.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from loguru import logger
from PIL import Image

from mb_tasks.metrics import compute_report
from mb_tasks.records import MODALITY_VARIANTS, VARIANTS
from mb_tasks.suite.bindings import binding_name, write_bindings
from mb_tasks.variants.clips import CLIP_CACHE_ENV
from tests.lmms.evaluation import TASK_YAMLS, evaluate, records_of

SYNTH = "modbias_synth"
VIDEO_TASK = "modbias_synth_video"
ITEMS = 2
WRAPPERS = pytest.mark.parametrize(
    ("model", "builder", "model_args", "blind_mode"),
    [
        ("llava_hf", "build_llava", "device_map=cpu", "gray_image"),
        ("qwen2_5_vl", "build_qwen2_5_vl", "device_map=cpu,max_pixels=12544,min_pixels=3136", "text_only"),
    ],
)


def builder_of(name: str) -> Callable[..., Path]:
    """A checkpoint builder of tests/lmms/tiny_models.py (which imports torch: only when a test runs)."""
    return getattr(importlib.import_module("tests.lmms.tiny_models"), name)


def run_every_variant(
    checkpoint: Path, model: str, model_args: str, blind_mode: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """lmms-eval's results and records for ITEMS synth items; asserts one record per (item, variant)."""
    results = evaluate(
        model, SYNTH, limit=ITEMS * len(VARIANTS), model_args=f"pretrained={checkpoint},{model_args}"
    )
    records = records_of(results, SYNTH)
    pairs = list(dict.fromkeys(record["pair_id"] for record in records))
    assert len(pairs) == ITEMS
    assert [(r["pair_id"], r["variant"]) for r in records] == [(p, v) for p in pairs for v in VARIANTS]
    assert {r["blind_mode"] for r in records if r["variant"] in ("no_image", "misleading_hint_no_image")} == {
        blind_mode
    }
    return results, records


@WRAPPERS
def test_every_variant_gets_its_record(
    tmp_path: Path, model: str, builder: str, model_args: str, blind_mode: str
) -> None:
    checkpoint = builder_of(builder)(tmp_path / model)
    results, records = run_every_variant(checkpoint, model, model_args, blind_mode)
    for record in records:
        if not record["response"].strip():
            assert record["valid"] is False and record["invalid_reason"] == "empty"
        if record["valid"] is False:
            assert record["score"] == 0.0
    assert "acc_original,none" in results["results"][SYNTH]


@pytest.mark.parametrize("builder", ["build_llava", "build_qwen2_5_vl"])
def test_silent_checkpoint_generates_eos_first(tmp_path: Path, builder: str) -> None:
    """The silent checkpoint's own first greedy token is EOS (not an error swallowed by a wrapper)."""
    import torch
    from transformers import AutoModelForImageTextToText, AutoProcessor

    checkpoint = builder_of(builder)(tmp_path / "model", silent=True)
    processor = AutoProcessor.from_pretrained(checkpoint)
    model = AutoModelForImageTextToText.from_pretrained(checkpoint).eval()
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "what colour ?"}]}]
    prompt = processor.apply_chat_template(messages, add_generation_prompt=True)
    inputs = processor(images=[Image.new("RGB", (56, 56), "red")], text=[prompt], return_tensors="pt")
    with torch.no_grad():
        output = model.generate(**inputs, do_sample=False, max_new_tokens=4)
    new_tokens = output[0, inputs["input_ids"].shape[1] :].tolist()
    assert new_tokens == [processor.tokenizer.eos_token_id]
    assert processor.tokenizer.decode(new_tokens, skip_special_tokens=True) == ""


@WRAPPERS
def test_empty_answers_are_invalid_end_to_end(
    tmp_path: Path, model: str, builder: str, model_args: str, blind_mode: str
) -> None:
    importlib.import_module("lmms_eval.evaluator")  # its first import removes every loguru sink, ours too
    errors: list[str] = []
    sink = logger.add(errors.append, level="ERROR")
    try:
        results, records = run_every_variant(
            builder_of(builder)(tmp_path / model, silent=True), model, model_args, blind_mode
        )
    finally:
        logger.remove(sink)
    assert errors == []  # the answers are empty because EOS came first, not because generation failed
    assert [r["response"] for r in records] == [""] * len(records)
    assert {(r["valid"], r["invalid_reason"], r["score"]) for r in records} == {(False, "empty", 0.0)}
    lmms_results = results["results"][SYNTH]
    report = compute_report(records, resamples=50)
    for variant in VARIANTS:
        assert lmms_results[f"invalid_rate_{variant},none"] == 1.0
        assert report["benchmarks"]["synth"][f"invalid_rate_{variant}"]["value"] == 1.0
        assert report["benchmarks"]["synth"][f"invalid_rate_{variant}"]["n"] == ITEMS
    (invalid,) = [w for w in report["warnings"] if w.startswith("HIGH INVALID RATE synth:")]
    assert f"in {len(VARIANTS)} variant(s): " in invalid
    assert all(f"{variant} 100.0% of {ITEMS}" in invalid for variant in VARIANTS)


def test_text_only_requests_crash_chat_llava_hf_hence_the_gray_default(tmp_path: Path) -> None:
    """Why llava_hf defaults to gray_image: with text_only forced through the YAML, lmms-eval
    0.7.3's chat llava_hf passes images=[] to the LLaVA processor, which raises, ending the run."""
    synth_yaml = TASK_YAMLS / "modbias_synth" / "modbias_synth.yaml"
    (tmp_path / "text_only.yaml").write_text(
        f"include: {synth_yaml}\n"
        "task: modbias_synth_text_only\n"
        f"process_docs: !function utils.{binding_name('modbias_synth_text_only')}\n"
        f"dataset_kwargs:\n  data_files:\n    test: {synth_yaml.parent / 'items.jsonl'}\n"
        "lmms_eval_specific_kwargs:\n  llava_hf:\n    modbias_no_image: text_only\n"
        "metadata:\n  modbias:\n    benchmark: synth\n    variants: [original, no_image]\n"
    )
    write_bindings(tmp_path)  # its own variants: it binds its own process_docs
    checkpoint = builder_of("build_llava")(tmp_path / "llava")
    with pytest.raises(IndexError):
        evaluate(
            "llava_hf", "modbias_synth_text_only", limit=4,
            model_args=f"pretrained={checkpoint},device_map=cpu", include=tmp_path,
        )  # fmt: skip


def test_qwen2_5_vl_answers_every_video_variant_from_the_clip_files(tmp_path: Path, monkeypatch) -> None:
    """lmms-eval's real qwen2_5_vl wrapper (a tiny random checkpoint) on modbias_synth_video: every
    (item, variant) comes back as a record; the clips reach the model (reversing them changes the
    answers of a random-weight model) and nothing is skipped."""
    monkeypatch.setenv(CLIP_CACHE_ENV, str(tmp_path / "clips"))
    checkpoint = builder_of("build_qwen2_5_vl")(tmp_path / "qwen2_5_vl")
    video = MODALITY_VARIANTS["video"]
    model_args = f"pretrained={checkpoint},device_map=cpu,max_pixels=12544,min_pixels=3136,max_num_frames=8"
    results = evaluate("qwen2_5_vl", VIDEO_TASK, limit=ITEMS * len(video), model_args=model_args)
    records = records_of(results, VIDEO_TASK)
    pairs = list(dict.fromkeys(record["pair_id"] for record in records))
    assert [(r["pair_id"], r["variant"]) for r in records] == [(p, v) for p in pairs for v in video]
    assert not any("skipped" in record for record in records)
    by_key = {(r["pair_id"], r["variant"]): r["response"] for r in records}
    assert any(by_key[(p, "reversed_frames")] != by_key[(p, "original")] for p in pairs)
    assert any(path.suffix == ".mp4" for path in (tmp_path / "clips").iterdir())
    assert "tg_single_frame,none" in results["results"][VIDEO_TASK]
