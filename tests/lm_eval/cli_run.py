"""Running lm-eval's real CLI (``python -m lm_eval``) on the suite's lm-eval tasks, and reading what it
logged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LM_EVAL_TASKS = REPO / "lm_eval_tasks"


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
