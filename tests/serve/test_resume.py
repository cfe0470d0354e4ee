"""Resuming a killed run: ``modbias run`` is SIGKILLed half-way, the proxy in front of the model keeps
what was answered (``modbias serve --upstream URL --cache FILE``), and the run started again (behind a
restarted proxy) asks the model only for the rest, ending with the uninterrupted run's records and
metrics. lmms-eval's own ``--use_cache`` is given too, and keeps nothing from the killed run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from mb_tasks.metrics import compute_report
from tests.serve.conftest import LIMIT, TASK, Run, as_json, served_run
from tests.serve.servers import Served, counts, openai_args, serving


def client(served: Served, output: Path, lmms_cache: Path) -> list[str]:
    """The documented client command: modbias run with lmms-eval's openai model against ``served``."""
    model_args = openai_args(served, "modbias_oracle", num_concurrent=4)
    return [
        sys.executable, "-m", "mb_tasks.cli.main", "run", "--model", "openai", "--model_args", model_args,
        "--tasks", TASK, "--limit", str(LIMIT), "--log_samples", "--output_path", str(output),
        "--use_cache", str(lmms_cache),
    ]  # fmt: skip


def wait_for(condition, what: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def kill_after(command: list[str], model: Served, calls: int, log: Path) -> int:
    """Start ``command`` and SIGKILL it (and lmms-eval under it) once ``model`` has answered ``calls``
    requests; its exit status."""
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=output, start_new_session=True)
        wait_for(lambda: counts(model)["model_calls"] >= calls or process.poll() is not None, "the run")
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        return process.wait()


def settled(model: Served, proxy: Served) -> int:
    """The model's answer count once every answer in flight has reached the proxy (and its cache)."""
    wait_for(lambda: counts(proxy)["model_calls"] == counts(model)["model_calls"], "answers in flight")
    return counts(model)["model_calls"]


def lmms_eval_cached_answers(lmms_cache: Path) -> int:
    """How many answers lmms-eval's own --use_cache holds (its SQLite files and audit logs)."""
    rows = 0
    for database in lmms_cache.rglob("*.db"):
        with sqlite3.connect(database) as connection:
            rows += connection.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
    audit_lines = sum(len(path.read_text().splitlines()) for path in lmms_cache.rglob("*.audit.jsonl"))
    return rows + audit_lines


def test_a_killed_run_resumes_without_asking_twice(tmp_path: Path, served_oracle: Run):
    cache, lmms_cache = tmp_path / "answers.db", tmp_path / "lmms_eval_cache"
    first = tmp_path / "first"
    proxy_args = ("--cache", str(cache), "--quiet")
    with serving("oracle", "--quiet", log=tmp_path / "model.log") as model:
        with serving("--upstream", model.url, *proxy_args, log=tmp_path / "proxy.log") as proxy:
            status = kill_after(client(proxy, first, lmms_cache), model, LIMIT // 2, tmp_path / "first.log")
            answered = settled(model, proxy)
        assert status == -signal.SIGKILL, (tmp_path / "first.log").read_text()[-3000:]
        assert LIMIT // 2 <= answered < LIMIT
        assert not list(first.rglob("*_results.json"))
        # lmms-eval 0.7.3 writes its own cache only once every request is answered: nothing to resume.
        assert lmms_eval_cached_answers(lmms_cache) == 0

        with serving("--upstream", model.url, *proxy_args, log=tmp_path / "proxy.log") as proxy:
            assert f"({answered} answers)" in proxy.started
            resumed = served_run(proxy, "modbias_oracle", num_concurrent=4)  # the same run, in this process
        assert resumed.counted == {
            "requests": LIMIT, "model_calls": LIMIT - answered, "cache_hits": answered, "errors": 0
        }  # fmt: skip
        assert counts(model)["model_calls"] == LIMIT

    assert as_json(resumed.records) == as_json(served_oracle.records)
    assert resumed.results["results"][TASK] == served_oracle.results["results"][TASK]
    reports = [compute_report(run.records, resamples=200) for run in (resumed, served_oracle)]
    assert reports[0]["benchmarks"] == reports[1]["benchmarks"]
