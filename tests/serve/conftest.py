"""Served reference models and the runs of modbias_synth against them, shared by the serve tests.

The runs use lmms-eval's own ``openai`` model (in this process, like tests/lmms/evaluation.py) on
40 synthetic items x 9 variants: 30 of those items need the image, the leak canary's minimum.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mb_tasks.records import VARIANTS
from tests.lmms.evaluation import evaluate, records_of
from tests.serve.servers import Served, counts, openai_args, serving

TASK = "modbias_synth"
ITEMS = 40
LIMIT = ITEMS * len(VARIANTS)


@dataclass(frozen=True)
class Run:
    """An evaluation's lmms-eval results, its records, and what the server counted during it."""

    results: dict[str, Any]
    records: list[dict[str, Any]]
    counted: dict[str, int]


#: What a server counts for one uninterrupted run: one model call per row, nothing else.
ONE_CALL_PER_ROW = {"requests": LIMIT, "model_calls": LIMIT, "cache_hits": 0, "errors": 0}


def served_run(served: Served, model: str, **model_args: object) -> Run:
    """``modbias_synth`` under ``LIMIT`` through lmms-eval's openai model against ``served``."""
    before = counts(served)
    results = evaluate("openai", TASK, limit=LIMIT, model_args=openai_args(served, model, **model_args))
    after = counts(served)
    return Run(results, records_of(results, TASK), {key: after[key] - before[key] for key in after})


def as_json(records: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Each record as JSON text, by (pair_id, variant)."""
    return {(r["pair_id"], r["variant"]): json.dumps(r, sort_keys=True) for r in records}


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve_logs")


@pytest.fixture(scope="session")
def oracle_server(server_logs: Path) -> Iterator[Served]:
    with serving("oracle", "--quiet", log=server_logs / "oracle.log") as served:
        yield served


@pytest.fixture(scope="session")
def served_oracle(oracle_server: Served) -> Run:
    """The oracle answering over HTTP, uninterrupted."""
    return served_run(oracle_server, "modbias_oracle")


@pytest.fixture(scope="session")
def in_process_oracle() -> Run:
    """The in-process reference model ``modbias_oracle`` on the same rows."""
    results = evaluate("modbias_oracle", TASK, limit=LIMIT)
    return Run(results, records_of(results, TASK), {})
