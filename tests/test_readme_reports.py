"""The README's commands for reports, comparisons, leaderboards and planning work as written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Reports people can read", 1)[1]
    return section.split("```bash", 1)[1].split("```", 1)[0].strip().splitlines()


def test_readme_commands_turn_two_lmms_eval_folders_into_reports(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "make_example_runs.py", tmp_path / "examples")
    binaries = f"{Path(sys.executable).parent}/"
    outputs = []
    for command in readme_commands():
        assert command.startswith(".venv/bin/"), command
        done = subprocess.run(
            ["bash", "-c", command.replace(".venv/bin/", binaries, 1)],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 0, f"{command}\n{done.stderr[-3000:]}"
        outputs.append(done.stdout)
    assert (tmp_path / "report.html").stat().st_size > 50_000
    assert len(list((tmp_path / "plots").glob("*.png"))) == 7
    comparison = (tmp_path / "comparison.html").read_text()
    assert "example-org/grounded-vlm − example-org/language-vlm" in comparison
    board = (tmp_path / "leaderboard.md").read_text().splitlines()
    assert len(board) == 4 and board[2].startswith("| 1 | example-org/grounded-vlm |")
    assert "items needed (exact McNemar): 1800 " in outputs[-1]
