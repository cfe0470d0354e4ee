"""One process or two: the same records and the same metrics.

lmms-eval's native multi-process path is ``torchrun`` (its evaluator starts a gloo process group on
CPU and gathers records and samples to rank 0). ``accelerate launch --cpu --num_processes 2`` does
not give two processes here: accelerate's launcher runs a --cpu job with its simple launcher, one
process (multi-CPU needs MPI), which the second test shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mb_tasks.records import VARIANTS
from mb_tasks.task_folders import TASK_YAMLS

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LIMIT = 6 * len(VARIANTS)


def lmms_eval(launcher: list[str], output: Path) -> tuple[dict, list[dict], str]:
    arguments = [
        *(
            "--tasks",
            "modbias_synth",
            "--include_path",
            str(TASK_YAMLS),
            "--model",
            "modbias_oracle",
        ),
        *("--limit", str(LIMIT), "--log_samples", "--output_path", str(output)),
    ]
    run = subprocess.run(
        [*launcher, "-m", "lmms_eval", *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=output.parent,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    [results_file] = output.rglob("*_results.json")
    [samples_file] = output.rglob("*_samples_modbias_synth.jsonl")
    metrics = {
        key: value
        for key, value in json.loads(results_file.read_text())["results"]["modbias_synth"].items()
        if "_stderr" not in key and key != "alias"
    }
    records = [json.loads(line)["record"] for line in samples_file.read_text().splitlines()]
    return metrics, records, run.stdout + run.stderr


def test_two_processes_give_the_same_records_and_metrics(tmp_path: Path) -> None:
    one_metrics, one_records, _ = lmms_eval([sys.executable], tmp_path / "one")
    two_metrics, two_records, log = lmms_eval(
        [str(BIN / "torchrun"), "--nproc_per_node", "2"], tmp_path / "two"
    )
    assert "Running on rank 1" in log  # two ranks really ran
    assert one_metrics == two_metrics and len(one_metrics) > 40
    key = lambda record: (record["pair_id"], record["variant"])  # noqa: E731
    assert len(two_records) == LIMIT
    assert sorted(one_records, key=key) == sorted(two_records, key=key)


def test_accelerate_cpu_launch_starts_a_single_process(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nprint('probe', os.environ.get('WORLD_SIZE'))\n")
    run = subprocess.run(
        [str(BIN / "accelerate"), "launch", "--num_processes", "2", "--cpu", str(probe)],
        capture_output=True, text=True, check=False, env={**os.environ, "ACCELERATE_LOG_LEVEL": "error"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("probe") == 1 and "probe None" in run.stdout
