"""The HTTP server: OpenAI's ``POST /v1/chat/completions`` and ``GET /v1/models``, plus
``GET /modbias/stats`` (how many requests came, how many the model answered, how many the cache).

A standard-library ``ThreadingHTTPServer`` speaking HTTP/1.1 (kept-alive connections, one thread per
connection), so concurrent clients such as lmms-eval's ``openai`` model are served in parallel.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO

from mb_tasks.serve.backends import Backend, Reply, error_reply

CHAT_PATH, MODELS_PATH, STATS_PATH = "/v1/chat/completions", "/v1/models", "/modbias/stats"


class Stats:
    """Thread-safe counters: ``requests`` (chat completions received), ``model_calls`` (answered by
    the model), ``cache_hits`` (answered from the cache), ``errors`` (answered with an error status)."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, reply: Reply) -> None:
        """Count one chat-completions request and who answered it."""
        with self._lock:
            self._counts["requests"] += 1
            if reply.status >= 400:
                self._counts["errors"] += 1
            elif reply.answered_by == "cache":
                self._counts["cache_hits"] += 1
            else:
                self._counts["model_calls"] += 1

    def snapshot(self) -> dict[str, int]:
        """The counts now."""
        with self._lock:
            return {key: self._counts[key] for key in ("requests", "model_calls", "cache_hits", "errors")}


class ModelServer(ThreadingHTTPServer):
    """Serves ``backend``; ``log`` gets one line per chat-completions request (None: silent)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], backend: Backend, log: TextIO | None = sys.stderr) -> None:
        super().__init__(address, Handler)
        self.backend = backend
        self.stats = Stats()
        self.log = log

    def handle_error(self, request: Any, client_address: tuple[str, int]) -> None:
        """One line for a client that went away (a killed run: what it was sent is counted, and
        cached when there is a cache); socketserver's traceback for anything else."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)
        elif self.log is not None:
            print(
                f"modbias serve: client {client_address[0]}:{client_address[1]} went away ({error})",
                file=self.log,
                flush=True,
            )


class Handler(BaseHTTPRequestHandler):
    """One connection: JSON in, JSON out, every answer with its Content-Length (kept alive)."""

    protocol_version = "HTTP/1.1"
    #: Headers and body are two writes; with Nagle's algorithm on, each answer would wait for the
    #: client's delayed ACK (~40 ms), which makes one-at-a-time clients 20x slower.
    disable_nagle_algorithm = True
    server: ModelServer

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == MODELS_PATH:
            names = self.server.backend.models()
            models = [{"id": name, "object": "model", "owned_by": "modbias"} for name in names]
            self._send(200, {"object": "list", "data": models})
        elif self.path == STATS_PATH:
            self._send(200, self.server.stats.snapshot())
        else:
            self._send(404, error_reply(404, f"no such path {self.path}; try {CHAT_PATH}").body)

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True  # the body's end is unknown: the connection cannot go on
            self._send(411, error_reply(411, "a Content-Length header is needed").body)
            return
        raw = self.rfile.read(int(length))
        if self.path != CHAT_PATH:
            self._send(404, error_reply(404, f"no such path {self.path}; try {CHAT_PATH}").body)
            return
        started = time.perf_counter()
        reply = self._reply(raw)
        self.server.stats.count(reply)
        self._send(reply.status, reply.body)
        if self.server.log is not None:
            elapsed = (time.perf_counter() - started) * 1000
            detail = reply.answered_by or reply.body.get("error", {}).get("message", "")
            line = f"modbias serve: {CHAT_PATH} {reply.status} {detail} {elapsed:.0f} ms"
            print(line, file=self.server.log, flush=True)

    def _reply(self, raw: bytes) -> Reply:
        """The backend's reply to a request body (400 for one that is not a JSON object)."""
        try:
            body = json.loads(raw)
        except ValueError as error:
            return error_reply(400, f"the request body is not JSON ({error})")
        if not isinstance(body, dict):
            return error_reply(400, "the request body must be a JSON object")
        return self.server.backend.complete(body, raw, self.headers)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """No access-log line of http.server's own (``do_POST`` logs one with who answered)."""
