"""`modbias run`'s exit status: a real child process that behaves like lmms-eval 0.7.3 (which logs
"Error during evaluation" in colour and exits 0) is told apart from a good run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mb_tasks.cli.lmms_eval_process import option_value, run_lmms_eval

# lmms-eval's loguru line, colourised as it is even on a pipe, written in two pieces that split the
# marker, with a progress bar (\r, no newline) before it.
_COLOURED_FAILURE = r"""
import sys, time
sys.stderr.write("50%|#####     |\r100%|##########|\r"); sys.stderr.flush()
sys.stdout.write("\x1b[31m\x1b[1mERROR   \x1b[0m | \x1b[31m\x1b[1mError during eval"); sys.stdout.flush()
time.sleep(0.2)
sys.stdout.write("uation: Tasks not found: nope. Please set `--verbosity=DEBUG` to get more "
                 "information.\x1b[0m\n")
"""


def _child(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_logged_failure_with_exit_status_0_becomes_1_with_one_line(capfd: pytest.CaptureFixture) -> None:
    assert run_lmms_eval(_child(_COLOURED_FAILURE), None) == 1
    out, err = capfd.readouterr()
    assert "Error during evaluation: Tasks not found" in out  # the child's output is passed through
    assert "100%|##########|\r" in err
    assert err.splitlines()[-1] == "modbias run: lmms-eval's evaluation failed: Tasks not found: nope"


_RETRIED_FAILURE = r"""
import sys
sys.stderr.write("Traceback (most recent call last):\n  File 'x.py', line 1\n")
sys.stderr.write("mb_tasks.lmms.items.MissingColumnError: mmstar: no column 'answer'\n\n")
sys.stderr.write("The above exception was the direct cause of the following exception:\n")
sys.stderr.write("tenacity.RetryError: RetryError[<Future at 0x7f raised MissingColumnError>]\n")
sys.stdout.write("ERROR | Error during evaluation: RetryError[<Future at 0x7f state=finished raised "
                 "MissingColumnError>]. Please set `--verbosity=DEBUG` to get more information.\n")
"""


def test_a_retried_failure_is_explained_by_the_error_behind_it(capfd: pytest.CaptureFixture) -> None:
    assert run_lmms_eval(_child(_RETRIED_FAILURE), None) == 1
    last = capfd.readouterr().err.splitlines()[-1]
    assert (
        last == "modbias run: lmms-eval's evaluation failed: MissingColumnError: mmstar: no column 'answer'"
    )


def test_a_run_that_writes_no_results_file_fails(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    assert run_lmms_eval(_child("print('done')"), tmp_path / "out") == 1
    expected = f"modbias run: lmms-eval wrote no results file under {tmp_path / 'out'}"
    assert capfd.readouterr().err.strip() == expected


def test_a_stale_results_file_does_not_count(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    old = tmp_path / "model" / "20260101_results.json"
    old.parent.mkdir()
    old.write_text("{}")
    assert run_lmms_eval(_child("pass"), tmp_path) == 1
    assert "wrote no results file" in capfd.readouterr().err


def test_a_run_that_writes_its_results_passes(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    write = f"import pathlib; p = pathlib.Path({str(tmp_path)!r}, 'm', 'x_results.json'); "
    write += "p.parent.mkdir(); p.write_text('{}')"
    assert run_lmms_eval(_child(write), tmp_path) == 0
    assert capfd.readouterr().err == ""


def test_a_non_zero_exit_status_is_kept(capfd: pytest.CaptureFixture) -> None:
    assert run_lmms_eval(_child("raise SystemExit(3)"), None) == 3
    assert capfd.readouterr().err.splitlines()[-1] == "modbias run: lmms-eval exited with status 3"


@pytest.mark.parametrize(
    ("arguments", "value"),
    [
        (["--output_path", "out", "--limit", "2"], "out"),
        (["--limit", "2", "--output_path=o/p"], "o/p"),
        (["--limit", "2"], None),
        (["--output_path"], None),
    ],
)
def test_option_value(arguments: list[str], value: str | None) -> None:
    assert option_value(arguments, "--output_path") == value
