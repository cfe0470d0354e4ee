"""Running tasks through lmms-eval's real evaluator in-process (the test session imports lmms-eval
once, when a test first runs one: it imports torch; the CLI itself is exercised in
test_cli_end_to_end)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mb_tasks.task_folders import TASK_YAMLS


def evaluate(
    model: str, task: str, *, limit: int | None, model_args: str = "", include: Path = TASK_YAMLS
) -> dict[str, Any]:
    """lmms-eval's ``simple_evaluate`` with only ``include``'s tasks indexed (fast) and samples logged."""
    from lmms_eval.evaluator import simple_evaluate
    from lmms_eval.tasks import TaskManager

    manager = TaskManager("WARNING", include_path=str(include), include_defaults=False, model_name=model)
    results = simple_evaluate(
        model=model,
        model_args=model_args,
        tasks=[task],
        limit=limit,
        log_samples=True,
        task_manager=manager,
        batch_size=1,
        device="cpu",
    )
    assert results is not None
    return results


def records_of(results: dict[str, Any], task: str) -> list[dict[str, Any]]:
    return [sample["record"] for sample in results["samples"][task]]


def table_of(results: dict[str, Any]) -> str:
    from lmms_eval.utils import make_table

    return make_table(results)
