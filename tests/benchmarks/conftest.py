"""The shared end-to-end runs of the suite benchmarks (one ``modbias run`` of the image benchmarks and
one of the video and audio ones, tests/benchmarks/blind_run.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mb_tasks.variants.clips import CLIP_CACHE_ENV
from tests.benchmarks.blind_run import run_suite
from tests.benchmarks.local_data import MEDIA_TABLES, write_videos


@pytest.fixture(scope="session")
def blind_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """benchmark -> the records and metrics of its task in the run."""
    return run_suite(tmp_path_factory.mktemp("blind_runs"))


@pytest.fixture(scope="session")
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the video and audio benchmarks' local copies (``data/``), their videos where
    lmms-eval's base tasks look for them (``hf_home/``, the ``HF_HOME`` of the runs) and the clip
    cache of the runs (``clips/``)."""
    root = tmp_path_factory.mktemp("media")
    write_videos(root / "hf_home")
    return root


@pytest.fixture(scope="session")
def media_runs(media_root: Path) -> dict[str, dict[str, Any]]:
    """benchmark -> the records and metrics of its task in one ``modbias run`` of the video and audio
    benchmarks' local copies."""
    env = {"HF_HOME": str(media_root / "hf_home"), CLIP_CACHE_ENV: str(media_root / "clips")}
    return run_suite(media_root, tuple(MEDIA_TABLES), env)
