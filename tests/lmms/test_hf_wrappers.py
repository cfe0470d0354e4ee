"""Real Hugging Face model classes through lmms-eval's own wrappers, over every variant.

The checkpoints are tiny and random (built from a config in tiny_models.py, nothing downloaded), so
the answers are garbage; what is checked is that every request produces its record, that empty
answers are invalid (never a plain miss), and the per-model no_image policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mb_tasks.records import VARIANTS
from tests.lmms.evaluation import TASK_YAMLS, evaluate, records_of
from tests.lmms.tiny_models import build_llava, build_qwen2_5_vl

SYNTH = "modbias_synth"
ITEMS = 2


@pytest.mark.parametrize(
    ("model", "build", "model_args", "blind_mode"),
    [
        ("llava_hf", build_llava, "device_map=cpu", "gray_image"),
        ("qwen2_5_vl", build_qwen2_5_vl, "device_map=cpu,max_pixels=12544,min_pixels=3136", "text_only"),
    ],
)
def test_every_variant_gets_its_record(
    tmp_path: Path, model: str, build, model_args: str, blind_mode: str
) -> None:
    checkpoint = build(tmp_path / model)
    results = evaluate(
        model, SYNTH, limit=ITEMS * len(VARIANTS), model_args=f"pretrained={checkpoint},{model_args}"
    )
    records = records_of(results, SYNTH)
    pairs = list(dict.fromkeys(record["pair_id"] for record in records))
    assert len(pairs) == ITEMS
    assert [(r["pair_id"], r["variant"]) for r in records] == [(p, v) for p in pairs for v in VARIANTS]
    for record in records:
        if not record["response"].strip():
            assert record["valid"] is False and record["invalid_reason"] == "empty"
        if record["valid"] is False:
            assert record["score"] == 0.0
    assert {r["blind_mode"] for r in records if r["variant"] in ("no_image", "misleading_hint_no_image")} == {
        blind_mode
    }
    assert "acc_original,none" in results["results"][SYNTH]


def test_text_only_requests_crash_chat_llava_hf_hence_the_gray_default(tmp_path: Path) -> None:
    """Why llava_hf defaults to gray_image: with text_only forced through the YAML, lmms-eval
    0.7.3's chat llava_hf passes images=[] to the LLaVA processor, which raises, ending the run."""
    synth_yaml = TASK_YAMLS / "modbias_synth" / "modbias_synth.yaml"
    (tmp_path / "text_only.yaml").write_text(
        f"include: {synth_yaml}\n"
        "task: modbias_synth_text_only\n"
        f"dataset_kwargs:\n  data_files:\n    test: {synth_yaml.parent / 'items.jsonl'}\n"
        "lmms_eval_specific_kwargs:\n  llava_hf:\n    modbias_no_image: text_only\n"
        "metadata:\n  modbias:\n    benchmark: synth\n    variants: [original, no_image]\n"
    )
    checkpoint = build_llava(tmp_path / "llava")
    with pytest.raises(IndexError):
        evaluate(
            "llava_hf", "modbias_synth_text_only", limit=4,
            model_args=f"pretrained={checkpoint},device_map=cpu", include=tmp_path,
        )  # fmt: skip
