"""The shared end-to-end run of every suite benchmark (one ``modbias run``, tests/benchmarks/blind_run.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.benchmarks.blind_run import run_suite


@pytest.fixture(scope="session")
def blind_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """benchmark -> the records and metrics of its task in the run."""
    return run_suite(tmp_path_factory.mktemp("blind_runs"))
