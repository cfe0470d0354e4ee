"""Running lm-eval's real CLI (``python -m lm_eval``) on the suite's lm-eval tasks, and reading what it
logged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from mb_tasks.task_folders import LM_EVAL_TASKS

REPO = Path(__file__).resolve().parents[2]


def lm_eval(
    checkpoint: Path, output: Path, task: str, limit: int, *extra: str
) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "lm_eval", "--model", "hf-multimodal",
        "--model_args", f"pretrained={checkpoint},max_length=512",
        "--tasks", task, "--include_path", str(LM_EVAL_TASKS), "--device", "cpu", "--batch_size", "1",
        "--limit", str(limit), "--log_samples", "--output_path", str(output), *extra,
    ]  # fmt: skip
    env = os.environ | {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=600)


def modbias_report(*arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mb_tasks.cli.main", "report", *arguments]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO)


def samples(output: Path, task: str) -> list[dict]:
    (path,) = output.rglob(f"samples_{task}_*.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def results(output: Path) -> dict:
    (path,) = output.rglob("results_*.json")
    return json.loads(path.read_text(encoding="utf-8"))["results"]


def record_of(sample: dict) -> dict:
    return sample[sample["metrics"][0]]


def check_results_table(output: Path, stdout: str, task: str, variants: Sequence[str], items: int) -> int:
    """Check lm-eval's table against the logged records, computed here: per variant the accuracy and
    the invalid rate (an empty or unparseable answer), and mg_no_image; the metric names printed.
    Returns the number of invalid answers."""
    records = [record_of(sample) for sample in samples(output, task)]
    table = results(output)[task]
    total_invalid = 0
    for variant in variants:
        own = [r for r in records if r["variant"] == variant]
        invalid = sum(1 for r in own if not r["response"].strip() or r["parsed"] is None)
        assert invalid == sum(1 for r in own if not r["valid"])
        assert table[f"invalid_rate_{variant},none"] == pytest.approx(invalid / items)
        assert table[f"acc_{variant},none"] == pytest.approx(sum(r["score"] for r in own) / items)
        total_invalid += invalid
    by_item = {(r["pair_id"], r["variant"]): r["score"] for r in records}
    gains = [by_item[(p, "original")] - by_item[(p, "no_image")] for p, v in by_item if v == "original"]
    assert table["mg_no_image,none"] == pytest.approx(sum(gains) / items)
    for name in ("invalid_rate_original", "mg_no_image", "hint_follow_rate", "modality_bias_index"):
        assert name in stdout
    return total_invalid
