"""Shared test set-up: everything runs offline."""

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
_EXAMPLE_RUNS = ROOT / "examples" / "make_example_runs.py"

Modbias = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def modbias() -> Modbias:
    """``modbias(*args, env={...}, cwd=...)`` runs the ``modbias`` command (from the repository root
    unless ``cwd`` is given), as a user would, and returns the finished process (output as text)."""

    def run(
        *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mb_tasks.cli.main", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )

    return run


@pytest.fixture(scope="session")
def example_runs_module() -> ModuleType:
    """examples/make_example_runs.py, which writes lmms-eval output folders of simulated models."""
    spec = importlib.util.spec_from_file_location("make_example_runs", _EXAMPLE_RUNS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def example_runs(tmp_path_factory: pytest.TempPathFactory, example_runs_module: ModuleType) -> list[Path]:
    """Two lmms-eval output folders: a vision-grounded and a language-driven simulated model."""
    root = tmp_path_factory.mktemp("runs")
    return [example_runs_module.write_run(root, model) for model in example_runs_module.MODELS]
