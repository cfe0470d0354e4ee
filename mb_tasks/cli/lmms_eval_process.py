"""Running lmms-eval as a child process and telling a failed evaluation from a good one.

lmms-eval 0.7.3 catches every exception of an evaluation, logs ``Error during evaluation: ...`` and
exits 0. :func:`run_lmms_eval` passes the child's output through unchanged (progress bars included),
watches it for that line, and checks that a run given ``--output_path`` wrote a results file; either
failure becomes exit status 1 and one line saying what failed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

#: What lmms-eval's ``cli_evaluate`` logs when an evaluation raised (its exit status stays 0).
FAILURE_MARKER = "Error during evaluation"

#: What lmms-eval appends to that line (modbias run's one line leaves it out).
_DEBUG_ADVICE = ". Please set `--verbosity=DEBUG` to get more information."

_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: The last line of a Python traceback: "KeyError: 'answer'", "mb_tasks.lmms.items.MissingColumnError: ...".
_EXCEPTION_LINE = re.compile(r"^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*(?:Error|Exception)): (.+)$")
#: lmms-eval retries a task's dataset download with tenacity; a failure there logs only "RetryError[<Future
#: at 0x... state=finished raised MissingColumnError>]", and the real error is in the traceback above.
_RETRY_ERROR = "RetryError["


@dataclass
class _Watch:
    """The failure lines seen on one of the child's output streams, and the exceptions its tracebacks
    ended with ("KeyError: 'answer'")."""

    failures: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    _partial: bytes = b""

    def feed(self, chunk: bytes) -> None:
        lines = (self._partial + chunk).split(b"\n")
        self._partial = lines.pop()
        for line in lines:
            self._look_at(line)

    def close(self) -> None:
        if self._partial:
            self._look_at(self._partial)
            self._partial = b""

    def _look_at(self, line: bytes) -> None:
        text = _ANSI_ESCAPE.sub("", line.decode("utf-8", errors="replace"))
        if FAILURE_MARKER in text:
            message = text[text.index(FAILURE_MARKER) + len(FAILURE_MARKER) :].lstrip(": ")
            self.failures.append(message.removesuffix(_DEBUG_ADVICE).strip() or FAILURE_MARKER)
        elif (exception := _EXCEPTION_LINE.match(text.strip())) and exception.group(1) != "RetryError":
            self.exceptions.append(f"{exception.group(1)}: {exception.group(2)}")


def _explained(failure: str, exceptions: Sequence[str]) -> str:
    """The failure, or, for a tenacity RetryError, the last exception a traceback showed before it."""
    return exceptions[-1] if failure.startswith(_RETRY_ERROR) and exceptions else failure


def _pump(source: BinaryIO, target: BinaryIO, watch: _Watch) -> None:
    """Copies ``source`` to ``target`` as it arrives (chunks, not lines: tqdm's bars use \\r)."""
    while chunk := os.read(source.fileno(), 65536):
        target.write(chunk)
        target.flush()
        watch.feed(chunk)
    watch.close()


def option_value(arguments: Sequence[str], flag: str) -> str | None:
    """The value of ``flag`` (``--flag V`` or ``--flag=V``), or None when it is not given."""
    for position, argument in enumerate(arguments):
        name, equals, value = argument.partition("=")
        if name == flag:
            if equals:
                return value
            return arguments[position + 1] if position + 1 < len(arguments) else None
    return None


def _results_files(output_path: Path) -> set[Path]:
    return set(output_path.rglob("*_results.json")) if output_path.is_dir() else set()


def failure_reason(
    returncode: int, failures: Sequence[str], output_path: Path | None, written: set[Path]
) -> str | None:
    """Why the run failed, in one line, or None for a good run. ``written``: the results files that
    appeared under ``output_path`` during the run."""
    if returncode != 0:
        return f"lmms-eval exited with status {returncode}"
    if failures:
        extra = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        return f"lmms-eval's evaluation failed: {failures[0]}{extra}"
    if output_path is not None and not written:
        return f"lmms-eval wrote no results file under {output_path}"
    return None


def run_lmms_eval(command: Sequence[str], output_path: Path | None) -> int:
    """Runs ``command`` (an lmms-eval command line); its exit status, or 1 when lmms-eval logged a
    failed evaluation or wrote no results file under ``output_path``."""
    before = _results_files(output_path) if output_path is not None else set()
    started = time.time()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    watches = (_Watch(), _Watch())
    pumps = [
        threading.Thread(target=_pump, args=(stream, target, watch), daemon=True)
        for stream, target, watch in zip(
            (child.stdout, child.stderr), (sys.stdout.buffer, sys.stderr.buffer), watches, strict=True
        )
    ]
    for pump in pumps:
        pump.start()
    try:
        returncode = child.wait()
    except KeyboardInterrupt:  # the child got the same SIGINT; let it finish its own way
        returncode = child.wait()
    for pump in pumps:
        pump.join()
    written = {
        path
        for path in (_results_files(output_path) if output_path is not None else set())
        if path not in before or path.stat().st_mtime >= started
    }
    exceptions = [line for watch in watches for line in watch.exceptions]
    failures = [_explained(line, exceptions) for watch in watches for line in watch.failures]
    reason = failure_reason(returncode, failures, output_path, written)
    if reason is None:
        return 0
    print(f"modbias run: {reason}", file=sys.stderr)
    return returncode or 1
