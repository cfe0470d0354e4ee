"""``modbias serve``: lmms-eval's own ``openai`` model against the served reference models gives the
in-process reference model's records and metrics, one counted request per row (for videos too, sent
as file URLs), and the leak canary tells an honest server from a leaky one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mb_tasks.benchmarks.base import provide_adapter_extras
from mb_tasks.metrics import compute_report
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.variants.clips import CLIP_CACHE_ENV
from tests.lmms.evaluation import evaluate, records_of
from tests.serve.conftest import LIMIT, ONE_CALL_PER_ROW, TASK, Run, as_json, served_run
from tests.serve.servers import Served, counts, openai_args, serving

VIDEO_TASK = "modbias_synth_video"


def test_served_oracle_answers_like_the_in_process_one(served_oracle: Run, in_process_oracle: Run):
    assert len(served_oracle.records) == LIMIT
    assert as_json(served_oracle.records) == as_json(in_process_oracle.records)
    assert served_oracle.results["results"][TASK] == in_process_oracle.results["results"][TASK]
    assert served_oracle.counted == ONE_CALL_PER_ROW


def test_the_leak_canary_is_quiet_for_the_honest_server_and_fires_for_the_leaky_one(
    served_oracle: Run, server_logs
):
    provide_adapter_extras()  # as the modbias command does: the synth adapter says which items need the image
    honest = compute_report(served_oracle.records, resamples=1000)
    with serving("leaky", "--quiet", log=server_logs / "leaky.log") as leaky_server:
        # One request at a time, so "the previous request" is the previous row (item-major order).
        leaky = served_run(leaky_server, "modbias_leaky", num_concurrent=1)
    leaked = compute_report(leaky.records, resamples=1000)
    assert honest["leak_canary"]["synth"]["checked"] and leaked["leak_canary"]["synth"]["checked"]
    assert abs(honest["leak_canary"]["synth"]["value"]) < 0.1
    assert not any(w.startswith("LEAK CANARY") for w in honest["warnings"])
    assert leaked["leak_canary"]["synth"]["value"] > 0.5
    assert any(w.startswith("LEAK CANARY synth") for w in leaked["warnings"])
    assert leaky.counted == ONE_CALL_PER_ROW


def test_served_oracle_reads_video_files_like_the_in_process_one(
    oracle_server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """With ``pass_video_url=True`` lmms-eval's openai model sends each clip as a file:// URL (as to
    vLLM) instead of frames it decoded and resized itself; the served oracle reads the file and gives
    the in-process oracle's records on 10 items x every video variant, one counted request per row."""
    monkeypatch.setenv(CLIP_CACHE_ENV, str(tmp_path / "clips"))  # the server reads the files written here
    limit = 10 * len(MODALITY_VARIANTS["video"])
    before = counts(oracle_server)
    model_args = openai_args(oracle_server, "modbias_oracle", pass_video_url=True)
    served = records_of(evaluate("openai", VIDEO_TASK, limit=limit, model_args=model_args), VIDEO_TASK)
    after = counts(oracle_server)
    in_process = records_of(evaluate("modbias_oracle", VIDEO_TASK, limit=limit), VIDEO_TASK)
    assert len(served) == limit and as_json(served) == as_json(in_process)
    assert all(r["score"] == 1.0 for r in served if r["variant"] == "original")  # it read every clip
    assert after["requests"] - before["requests"] == limit and after["errors"] == before["errors"]
