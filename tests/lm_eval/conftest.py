from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight Qwen2-VL checkpoint, shared by the lm-eval CLI tests."""
    from tests.lm_eval.checkpoints import build_qwen2_vl  # torch: imported when a test needs it

    return build_qwen2_vl(tmp_path_factory.mktemp("qwen2_vl"))
