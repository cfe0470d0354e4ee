"""Runs to export: real lmms-eval runs of two reference models on modbias_synth (``modbias run``), a
real modbias_mmstar run from a local MMStar copy, and ``modbias export`` itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.local_data import save_local_copy
from tests.conftest import Modbias

#: Rows of modbias_synth per run: 10 items x 9 variants.
SYNTH_LIMIT = "90"
#: The reference models run on modbias_synth (the oracle grounded, the text follower led by hints).
SYNTH_MODELS = ("modbias_oracle", "modbias_text_follower")
RESAMPLES = "300"

Export = Callable[..., Any]


def _modbias_run(modbias: Modbias, output: Path, model: str, task: str, *extra: str) -> Path:
    done = modbias(
        "run", *extra, "--model", model, "--tasks", task, "--log_samples", "--output_path", str(output)
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return output


@pytest.fixture(scope="session")
def synth_runs(tmp_path_factory: pytest.TempPathFactory, modbias: Modbias) -> list[Path]:
    """Two lmms-eval output folders: each reference model on the first 10 modbias_synth items."""
    root = tmp_path_factory.mktemp("synth_runs")
    return [
        _modbias_run(modbias, root / model, model, "modbias_synth", "--limit", SYNTH_LIMIT)
        for model in SYNTH_MODELS
    ]


@pytest.fixture(scope="session")
def mmstar_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local MMStar copy (8 items with MMStar's real fields) as ``DIR/mmstar``."""
    folder = tmp_path_factory.mktemp("data")
    save_local_copy("mmstar", folder)
    return folder


@pytest.fixture(scope="session")
def mmstar_run(tmp_path_factory: pytest.TempPathFactory, modbias: Modbias, mmstar_data_dir: Path) -> Path:
    """modbias_text_follower on modbias_mmstar (every item, every variant) from the local copy."""
    output = tmp_path_factory.mktemp("mmstar_run")
    return _modbias_run(
        modbias, output, "modbias_text_follower", "modbias_mmstar", "--data-dir", str(mmstar_data_dir)
    )


@pytest.fixture(scope="session")
def export(modbias: Modbias) -> Export:
    """``export(format, *runs, out=DIR, extra=(...), env={...})``: ``modbias export``, asserted to
    succeed; returns the finished process."""

    def run(
        file_format: str,
        *runs: Path,
        out: Path,
        extra: tuple[str, ...] = (),
        env: dict[str, str] | None = None,
    ) -> Any:
        arguments = ["--format", file_format, *map(str, runs), "-o", str(out), "--resamples", RESAMPLES]
        done = modbias("export", *arguments, *extra, env=env)
        assert done.returncode == 0, done.stderr[-4000:]
        return done

    return run


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    """``rows`` as a JSONL file."""
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
