"""A standard ``mmstar`` run and a ``modbias_mmstar`` run behind the same caching proxy: the original
variant's requests are byte-identical to the standard run's (images and generation settings too), so
the proxy answers them from the standard run's answers and the model is asked only for the other
variants."""

from __future__ import annotations

from pathlib import Path

from tests.importers.mmstar_folders import TASK, mmstar_folders
from tests.lmms.evaluation import evaluate
from tests.serve.servers import counts, openai_args, serving


def test_the_original_requests_are_answered_from_a_standard_runs_answers(tmp_path: Path):
    folders = mmstar_folders(tmp_path)
    cache = ("--cache", str(tmp_path / "answers.db"), "--quiet")
    with (
        serving("oracle", "--quiet", log=tmp_path / "model.log") as model,
        serving("--upstream", model.url, *cache, log=tmp_path / "proxy.log") as proxy,
    ):
        model_args = openai_args(proxy, "modbias_oracle")
        standard = evaluate("openai", "mmstar", limit=None, model_args=model_args, include=folders.standard)
        after_standard = counts(proxy)
        full = evaluate("openai", TASK, limit=None, model_args=model_args, include=folders.full)
        after_full = counts(proxy)
    items, rows = len(standard["samples"]["mmstar"]), len(full["samples"][TASK])
    assert (items, rows) == (8, 8 * 8)
    assert after_standard == {"requests": items, "model_calls": items, "cache_hits": 0, "errors": 0}
    assert {key: after_full[key] - after_standard[key] for key in after_full} == {
        "requests": rows, "model_calls": rows - items, "cache_hits": items, "errors": 0
    }  # fmt: skip
