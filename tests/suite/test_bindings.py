"""Every task folder's utils.py is the generated one, and every task YAML that sets its settings binds
its own process_docs; the generator writes ruff-clean files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mb_tasks.suite.bindings import binding_name, binding_problems, bound_tasks, task_folders, utils_text
from mb_tasks.suite.index import suite_index
from mb_tasks.task_folders import TASK_YAMLS

ROOT = Path(__file__).resolve().parents[2]


def test_the_suites_bindings_are_up_to_date() -> None:
    folders = task_folders()
    assert [problem for folder in folders for problem in binding_problems(folder)] == []
    bound = {task for folder in folders for task in bound_tasks(folder)}
    assert bound == set(suite_index(TASK_YAMLS).tasks)  # every task binds its own process_docs


def test_a_yaml_setting_metadata_without_its_binding_is_reported(tmp_path: Path) -> None:
    (tmp_path / "modbias_x.yaml").write_text("task: modbias_x\nmetadata:\n  modbias:\n    benchmark: toy\n")
    problems = binding_problems(tmp_path)
    assert problems == [
        f"{tmp_path / 'utils.py'}: not what `python -m mb_tasks.suite.bindings {tmp_path}` writes",
        f"{tmp_path / 'modbias_x.yaml'}: sets metadata but binds process_docs to None, not "
        "`!function utils.process_docs_modbias_x`",
    ]


def test_the_generated_file_binds_each_task_and_is_ruff_clean(tmp_path: Path) -> None:
    long_task = "modbias_" + "x" * 60
    for task in ("modbias_y", long_task):
        (tmp_path / f"{task}.yaml").write_text(f"task: {task}\nmetadata: {{}}\n")
    (tmp_path / "_template_yaml").write_text("tag: modbias\n")
    (tmp_path / "group.yaml").write_text("group: g\ntask: [modbias_y]\n")
    text = utils_text(tmp_path)
    assert f'{binding_name("modbias_y")} = process_docs_for(__file__, "modbias_y.yaml")' in text
    assert f'{binding_name(long_task)} = process_docs_for(\n    __file__, "{long_task}.yaml"\n)' in text
    assert "group" not in text
    (tmp_path / "utils.py").write_text(text)
    config = ["--config", str(ROOT / "pyproject.toml"), "--no-cache", str(tmp_path / "utils.py")]
    for command in (["check"], ["format", "--check"]):
        ruff = subprocess.run(
            [sys.executable, "-m", "ruff", *command, *config], capture_output=True, text=True
        )
        assert ruff.returncode == 0, ruff.stdout + ruff.stderr
