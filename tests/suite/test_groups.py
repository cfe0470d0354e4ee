"""The groups: every benchmark task in modbias_suite, its lite twin in modbias_suite_lite, both listed
by lmms-eval and by modbias run; the README's model-call tables are the computed ones."""

import os
import re
import subprocess
import sys
from pathlib import Path

from mb_tasks.cli.run import TASK_YAMLS
from mb_tasks.suite.calls import calls_tables
from mb_tasks.suite.index import suite_index

README = Path(__file__).resolve().parents[2] / "README.md"
LITE_VARIANTS = ["original", "no_image", "misleading_hint"]


def test_every_suite_task_has_a_lite_twin_in_the_lite_group():
    index = suite_index(TASK_YAMLS)
    suite, lite = index.groups["modbias_suite"], index.groups["modbias_suite_lite"]
    assert [f"{task}_lite" for task in suite] == list(lite)
    for task in lite:
        options = index.tasks[task].config["metadata"]["modbias"]
        assert options["variants"] == LITE_VARIANTS
        assert options["max_items"] == 300
        assert index.tasks[task].benchmark == index.tasks[task.removesuffix("_lite")].benchmark


def test_lmms_eval_and_modbias_run_list_every_task_and_group():
    index = suite_index(TASK_YAMLS)
    names = set(index.tasks) | set(index.groups)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    listings = [
        [sys.executable, "-m", "lmms_eval", "tasks", "list", "--include-path", str(TASK_YAMLS)],
        [sys.executable, "-m", "mb_tasks.cli.main", "run", "--tasks", "list"],
    ]
    for command in listings:
        finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        listed = set(re.findall(r"\bmodbias_\w+", finished.stdout + finished.stderr))
        assert names <= listed, (command, names - listed)


def test_the_readme_gives_the_computed_model_call_counts():
    assert calls_tables() in README.read_text()
