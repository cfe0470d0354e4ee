"""The code stays ruff-clean (lint and format), as the contributing rules ask."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_check_and_format() -> None:
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


#: Ways of reading the caller's stack (settings travel through documented channels instead).
STACK_INSPECTION = ("inspect.stack", "currentframe", "f_back", "sys._getframe")


def test_no_stack_inspection_in_the_package() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "mb_tasks").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(pattern in line for pattern in STACK_INSPECTION)
    ]
    assert found == []
