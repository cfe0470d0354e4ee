"""The shared end-to-end run of every benchmark (one ``modbias run`` per fixed answer)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.benchmarks.lmms.suite_run import run_suite


@pytest.fixture(scope="session")
def suite_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return run_suite(tmp_path_factory.mktemp("suite"))
