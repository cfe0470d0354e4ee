"""A response cache that survives a killed run: each answer is on disk before it is sent.

``modbias serve --cache FILE`` keeps every answered deterministic request (``temperature`` 0, one
choice) in FILE, an SQLite database (the standard library's; one row per answer, committed and synced
before the response leaves the server, so a kill loses at most the answers still in flight). The key
is the SHA-256 of the request body as canonical JSON (model, messages with their base64 images,
max_tokens, temperature, ...): the same request gets the same answer without a second model call, in
this process or in the next one. Lookups read the file, so the full suite's ~2.3 M answers (about
0.3-1 KB each) need no memory beyond SQLite's page cache.

lmms-eval 0.7.3's own ``--use_cache`` writes its cache only after the model has answered every
request of a run, so a run killed half-way leaves nothing there; this cache keeps all it answered.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

_SCHEMA = "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, response TEXT NOT NULL)"


def request_key(body: dict[str, Any]) -> str:
    """The SHA-256 (hex) of the request body as canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def is_deterministic(body: dict[str, Any]) -> bool:
    """True when the request asks for one greedy answer: ``temperature`` given and 0, ``n`` absent or 1
    (an absent temperature is the server's default, which samples)."""
    temperature = body.get("temperature")
    n = body.get("n", 1)
    return isinstance(temperature, (int, float)) and temperature == 0 and n in (None, 1)


class ResponseCache:
    """Answers by request key in the SQLite file ``path`` (created if missing); ValueError naming the
    file when it is not such a cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(_SCHEMA)
            self._count = self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise ValueError(f"{path} is not a modbias serve cache (an SQLite file): {error}") from None

    def __len__(self) -> int:
        return self._count

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored response for ``key``, or None."""
        with self._lock:
            row = self._db.execute("SELECT response FROM answers WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row is not None else None

    def put(self, key: str, response: dict[str, Any]) -> None:
        """Store ``response`` under ``key``, committed and synced to disk before this returns."""
        text = json.dumps(response, ensure_ascii=False)
        with self._lock:
            added = self._db.execute("INSERT OR IGNORE INTO answers VALUES (?, ?)", (key, text)).rowcount
            self._count += added
