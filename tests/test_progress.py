"""Progress bars go to stderr: forced on with MODBIAS_PROGRESS=1, off with 0, else only on a terminal."""

from __future__ import annotations

import pytest

from mb_tasks.progress import progress


@pytest.mark.parametrize(("setting", "shown"), [("1", True), ("0", False), ("", False)])
def test_progress_bar_on_stderr(
    setting: str, shown: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MODBIAS_PROGRESS", setting)
    assert list(progress(range(5), "counting", unit="thing")) == [0, 1, 2, 3, 4]
    captured = capsys.readouterr()
    assert captured.out == ""
    assert ("counting: 100%" in captured.err and "5/5" in captured.err) is shown


def test_report_shows_bootstrap_progress_when_asked(modbias) -> None:
    result = modbias("report", "examples/records.jsonl", "--resamples", "200", env={"MODBIAS_PROGRESS": "1"})
    assert result.returncode == 0
    assert "bootstrap: 100%" in result.stderr and "2/2" in result.stderr
    assert "bootstrap" not in result.stdout
