"""Who answers a chat-completions request: a reference model here, or another OpenAI-compatible
server (vLLM, SGLang, a provider's endpoint) the request is forwarded to, optionally behind the
response cache. Each answers ``complete(body, raw, headers) -> Reply``.
"""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from mb_tasks.serve.cache import ResponseCache, is_deterministic, request_key
from mb_tasks.serve.messages import BadRequest, request_inputs
from mb_tasks.serve.models import Policy


@dataclass(frozen=True)
class Reply:
    """An HTTP status, its JSON body, and who answered: "model", "cache" or "" (an error)."""

    status: int
    body: dict[str, Any]
    answered_by: str = ""


def error_reply(status: int, message: str, kind: str = "invalid_request_error") -> Reply:
    """An OpenAI-style error body."""
    return Reply(status, {"error": {"message": message, "type": kind, "code": status}})


class Backend(Protocol):
    """What the server needs from whoever answers."""

    def models(self) -> list[str]:
        """The model names served (``GET /v1/models``)."""
        ...

    def complete(self, body: dict[str, Any], raw: bytes, headers: Mapping[str, str]) -> Reply:
        """The reply to a chat-completions request (``body`` parsed, ``raw`` its bytes)."""
        ...


def completion(model: str, text: str, number: int) -> dict[str, Any]:
    """An OpenAI ``chat.completion`` body holding one answer."""
    return {
        "id": f"chatcmpl-modbias-{number}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }


class LocalModel:
    """A reference model answering here, under its served name (other model names are refused)."""

    def __init__(self, name: str, policy: Policy) -> None:
        self.name = name
        self.policy = policy
        self._numbers = itertools.count(1)

    def models(self) -> list[str]:
        return [self.name]

    def complete(self, body: dict[str, Any], raw: bytes, headers: Mapping[str, str]) -> Reply:
        if body.get("model") != self.name:
            return error_reply(
                404, f"model {body.get('model')!r} is not served here; this server serves {self.name!r}"
            )
        if body.get("stream"):
            return error_reply(400, "streaming is not supported; send stream: false")
        try:
            prompt, visuals = request_inputs(body)
        except BadRequest as error:
            return error_reply(400, str(error))
        answer = self.policy(prompt, visuals)
        return Reply(200, completion(self.name, answer, next(self._numbers)), "model")


class Upstream:
    """Another OpenAI-compatible server at ``base_url`` (``http://host:port/v1``); the request's bytes
    and its Authorization header are forwarded unchanged."""

    def __init__(self, base_url: str, timeout: float = 600.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _call(self, path: str, raw: bytes | None, headers: Mapping[str, str]) -> Reply:
        forwarded = {"Content-Type": "application/json"}
        if headers.get("Authorization"):
            forwarded["Authorization"] = headers["Authorization"]
        request = urllib.request.Request(f"{self.base_url}{path}", data=raw, headers=forwarded)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Reply(response.status, json.loads(response.read()), "model")
        except urllib.error.HTTPError as error:
            return Reply(error.code, _error_body(error.read(), error.code))
        except (urllib.error.URLError, OSError, ValueError) as error:
            return error_reply(502, f"upstream {self.base_url} did not answer: {error}", "upstream_error")

    def models(self) -> list[str]:
        reply = self._call("/models", None, {})
        return [entry.get("id", "") for entry in reply.body.get("data", [])] if reply.status == 200 else []

    def complete(self, body: dict[str, Any], raw: bytes, headers: Mapping[str, str]) -> Reply:
        return self._call("/chat/completions", raw, headers)


def _error_body(raw: bytes, status: int) -> dict[str, Any]:
    """An upstream error's JSON body, or an error body around its text."""
    try:
        body = json.loads(raw)
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return error_reply(status, raw.decode("utf-8", "replace")[:500], "upstream_error").body


class Cached:
    """``backend`` behind a :class:`ResponseCache`: a deterministic request answered before is
    answered from the cache; a new answer (status 200) is stored before it is returned."""

    def __init__(self, backend: Backend, cache: ResponseCache) -> None:
        self.backend = backend
        self.cache = cache

    def models(self) -> list[str]:
        return self.backend.models()

    def complete(self, body: dict[str, Any], raw: bytes, headers: Mapping[str, str]) -> Reply:
        if not is_deterministic(body):
            return self.backend.complete(body, raw, headers)
        key = request_key(body)
        stored = self.cache.get(key)
        if stored is not None:
            return Reply(200, stored, "cache")
        reply = self.backend.complete(body, raw, headers)
        if reply.status == 200:
            self.cache.put(key, reply.body)
        return reply
