"""The response cache: keyed by the whole request, only greedy requests, on disk (SQLite) before the
answer leaves, read back by the next process, and a file that is not a cache refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from mb_tasks.serve.cache import ResponseCache, is_deterministic, request_key

BODY = {"model": "m", "messages": [{"role": "user", "content": "Q?"}], "temperature": 0, "max_tokens": 16}


def test_the_key_is_the_request_whatever_the_order_of_its_fields():
    assert request_key(BODY) == request_key(dict(reversed(list(BODY.items()))))
    assert request_key(BODY) != request_key(BODY | {"max_tokens": 17})
    assert len(request_key(BODY)) == 64


def test_only_greedy_single_answers_are_cached():
    assert is_deterministic(BODY) and is_deterministic(BODY | {"n": 1})
    assert not is_deterministic(BODY | {"temperature": 0.7})
    assert not is_deterministic(BODY | {"n": 2})
    assert not is_deterministic({key: value for key, value in BODY.items() if key != "temperature"})


def test_answers_are_on_disk_as_soon_as_they_are_stored(tmp_path: Path):
    path = tmp_path / "cache" / "answers.db"
    cache = ResponseCache(path)
    cache.put("k1", {"choices": [1]})
    cache.put("k1", {"choices": ["a second answer to the same request is not kept"]})
    reader = ResponseCache(path)  # another connection, as the next process would open it
    assert (len(reader), reader.get("k1"), reader.get("k2")) == (1, {"choices": [1]}, None)
    cache.put("k2", {"choices": [2]})
    assert reader.get("k2") == {"choices": [2]} and len(ResponseCache(path)) == 2


def test_a_file_that_is_not_a_cache_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "answers.jsonl"
    path.write_text('{"key": "k1", "response": {}}\n' * 200)
    with pytest.raises(ValueError, match=f"{path} is not a modbias serve cache"):
        ResponseCache(path)
