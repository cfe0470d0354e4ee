"""Starting ``modbias serve`` as a user would (its own process, a free port) and reading its counts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mb_tasks.serve.backends import Backend
from mb_tasks.serve.server import ModelServer


@dataclass(frozen=True)
class Served:
    """A running server: its base URL (``http://127.0.0.1:P/v1``), process and the line it printed."""

    url: str
    process: subprocess.Popen[str]
    started: str


@contextmanager
def serving(*args: str, log: Path) -> Iterator[Served]:
    """``modbias serve ARGS --port 0`` until the block ends; its log (stderr) goes to ``log``."""
    with log.open("a", encoding="utf-8") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "mb_tasks.cli.main", "serve", *args, "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        try:
            started = process.stdout.readline()
            found = re.match(r"modbias serve: (http://\S+/v1) serves ", started)
            assert found, f"modbias serve did not start: {started!r}; see {log}"
            yield Served(found.group(1), process, started)
        finally:
            process.kill()
            process.wait()
            process.stdout.close()


def get_json(url: str) -> dict:
    """The JSON body of a GET."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def counts(served: Served) -> dict[str, int]:
    """The server's /modbias/stats counts."""
    return stats_of(served.url)


def openai_args(served: Served, model: str, **extra: object) -> str:
    """``--model_args`` of lmms-eval's ``openai`` model for the served model."""
    pairs = {"model_version": model, "base_url": served.url, "api_key": "EMPTY", **extra}
    return ",".join(f"{key}={value}" for key, value in pairs.items())


@contextmanager
def running(backend: Backend) -> Iterator[str]:
    """``backend`` served from a thread of this process until the block ends; its base URL."""
    server = ModelServer(("127.0.0.1", 0), backend, log=None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def post(url: str, body: dict | bytes) -> tuple[int, dict]:
    """(status, JSON body) of a POST of ``body`` (a dict is sent as JSON)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def stats_of(base_url: str) -> dict[str, int]:
    """The /modbias/stats counts of the server at ``base_url``."""
    return get_json(base_url.removesuffix("/v1") + "/modbias/stats")
