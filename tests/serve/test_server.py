"""The HTTP server and its backends, over real sockets: a reference model answering as in-process,
bad requests refused with their reason and counted, the cache answering a repeated request, and the
proxy forwarding to another server (its errors, and its absence, passed on)."""

from __future__ import annotations

from pathlib import Path

from mb_tasks.benchmarks.synth.items import load_items, prompt_text
from mb_tasks.benchmarks.synth.scene import render
from mb_tasks.models.policies import oracle_answer
from mb_tasks.serve.backends import Cached, LocalModel, Upstream
from mb_tasks.serve.cache import ResponseCache
from mb_tasks.serve.models import served_model
from tests.serve.servers import get_json, post, running, stats_of
from tests.serve.test_messages import data_url

#: A synthetic item whose gold is not the first option (the answer a model without the image gives).
ITEM = next(item for item in load_items() if item["answer_type"] == "mcq" and item["target"] != "A")
PROMPT = prompt_text(ITEM["question"], ITEM["options"])


def chat(model: str, *, image: bool, temperature: float = 0) -> dict:
    content: list[dict] = [{"type": "text", "text": PROMPT}]
    if image:
        content.insert(0, {"type": "image_url", "image_url": {"url": data_url(render(ITEM["scene"]))}})
    return {"model": model, "messages": [{"role": "user", "content": content}], "temperature": temperature}


def answer(reply: tuple[int, dict]) -> str:
    status, body = reply
    assert status == 200, body
    return body["choices"][0]["message"]["content"]


def test_the_oracle_answers_over_http_as_in_process_and_the_leaky_one_leaks():
    with (
        running(LocalModel(*served_model("oracle"))) as oracle,
        running(LocalModel(*served_model("leaky"))) as leaky,
    ):
        url = f"{oracle}/chat/completions"
        assert answer(post(url, chat("modbias_oracle", image=True))) == ITEM["target"]
        assert answer(post(url, chat("modbias_oracle", image=False))) == oracle_answer(PROMPT, []) == "A"
        url = f"{leaky}/chat/completions"
        assert answer(post(url, chat("modbias_leaky", image=True))) == ITEM["target"]
        assert answer(post(url, chat("modbias_leaky", image=False))) == ITEM["target"]  # the previous image
        assert get_json(f"{oracle}/models")["data"] == [
            {"id": "modbias_oracle", "object": "model", "owned_by": "modbias"}
        ]
        assert stats_of(oracle) == {"requests": 2, "model_calls": 2, "cache_hits": 0, "errors": 0}


def test_bad_requests_are_refused_with_their_reason_and_counted():
    with running(LocalModel(*served_model("blind"))) as url:
        status, body = post(f"{url}/chat/completions", chat("gpt-4o", image=False))
        assert status == 404
        assert (
            body["error"]["message"]
            == "model 'gpt-4o' is not served here; this server serves 'modbias_blind'"
        )
        status, body = post(f"{url}/chat/completions", b"{not json")
        assert status == 400 and body["error"]["message"].startswith("the request body is not JSON")
        status, body = post(f"{url}/chat/completions", [1, 2])
        assert (status, body["error"]["message"]) == (400, "the request body must be a JSON object")
        bad_image = chat("modbias_blind", image=False)
        bad_image["messages"][0]["content"].append(
            {"type": "image_url", "image_url": {"url": "file:///x.png"}}
        )
        status, body = post(f"{url}/chat/completions", bad_image)
        assert status == 400 and body["error"]["message"].startswith(
            "messages[0].content[1]: image_url must be"
        )
        status, body = post(f"{url}/chat/completions", chat("modbias_blind", image=False) | {"stream": True})
        assert status == 400 and "streaming is not supported" in body["error"]["message"]
        status, body = post(f"{url}/completions", chat("modbias_blind", image=False))
        assert status == 404 and "no such path /v1/completions" in body["error"]["message"]
        assert stats_of(url) == {"requests": 5, "model_calls": 0, "cache_hits": 0, "errors": 5}


def test_the_cache_answers_a_repeated_greedy_request_and_keeps_it_on_disk(tmp_path: Path):
    path = tmp_path / "answers.db"
    with running(Cached(LocalModel(*served_model("oracle")), ResponseCache(path))) as url:
        first = post(f"{url}/chat/completions", chat("modbias_oracle", image=True))
        assert post(f"{url}/chat/completions", chat("modbias_oracle", image=True)) == first
        post(f"{url}/chat/completions", chat("modbias_oracle", image=True, temperature=0.5))
        post(f"{url}/chat/completions", chat("modbias_oracle", image=True, temperature=0.5))
        assert stats_of(url) == {"requests": 4, "model_calls": 3, "cache_hits": 1, "errors": 0}
    assert len(ResponseCache(path)) == 1
    with running(Cached(LocalModel(*served_model("oracle")), ResponseCache(path))) as url:
        assert post(f"{url}/chat/completions", chat("modbias_oracle", image=True)) == first
        assert stats_of(url)["cache_hits"] == 1


def test_the_proxy_forwards_answers_and_errors_and_names_a_missing_upstream():
    with running(LocalModel(*served_model("oracle"))) as upstream, running(Upstream(upstream)) as proxy:
        assert answer(post(f"{proxy}/chat/completions", chat("modbias_oracle", image=True))) == ITEM["target"]
        status, body = post(f"{proxy}/chat/completions", chat("other", image=False))
        assert status == 404 and "is not served here" in body["error"]["message"]
        assert [m["id"] for m in get_json(f"{proxy}/models")["data"]] == ["modbias_oracle"]
        assert stats_of(upstream) == {"requests": 2, "model_calls": 1, "cache_hits": 0, "errors": 1}
        assert stats_of(proxy) == stats_of(upstream)
    with running(Upstream("http://127.0.0.1:9/v1", timeout=5)) as proxy:
        status, body = post(f"{proxy}/chat/completions", chat("modbias_oracle", image=False))
        assert status == 502 and body["error"]["message"].startswith(
            "upstream http://127.0.0.1:9/v1 did not answer"
        )
