"""Task rows answered by reference models as lmms-eval sends requests, on either request path, and
the engine's metrics of the answers (shared by the video and audio reference-model tests)."""

from __future__ import annotations

from typing import Any

from mb_tasks.lmms import process_results
from mb_tasks.metrics import compute_report

#: (row, prompt, visuals) of one request.
Request = tuple[dict[str, Any], str, list[Any]]
SPLIT = "test"


def answers(model_name: str, task: str, requests: list[Request], simple: bool = True) -> list[str]:
    """The model's answers to the requests, sent as lmms-eval sends them on the chosen path."""
    from lmms_eval.api.instance import Instance  # lmms-eval imports torch: only when a test runs
    from lmms_eval.api.task import ConfigurableMessagesTask
    from lmms_eval.models import get_model

    model = get_model(model_name, force_simple=simple).create_from_arg_string("", {"batch_size": 1})
    model.task_dict = {task: {SPLIT: [{"text": text, "visuals": visuals} for _, text, visuals in requests]}}

    def doc_to_messages(doc):
        return ConfigurableMessagesTask._build_user_turn(doc["visuals"], doc["text"])

    instances = []
    for doc_id, (_, text, _) in enumerate(requests):
        arguments = (
            (text, {}, lambda doc: doc["visuals"], doc_id, task, SPLIT)
            if simple
            else (text, doc_to_messages, {}, doc_id, task, SPLIT)
        )
        instances.append(
            Instance(
                "generate_until", arguments, idx=0, metadata={"task": task, "doc_id": doc_id, "repeats": 1}
            )
        )
    return model.generate_until(instances)


def report_of(model_name: str, task: str, requests: list[Request], resamples: int = 0) -> dict[str, Any]:
    """The engine's report of the model's answers, scored by the task's process_results (no intervals
    unless ``resamples``)."""
    records = [
        process_results(row, [answer])["record"]
        for (row, _, _), answer in zip(requests, answers(model_name, task, requests), strict=True)
    ]
    return compute_report(records, resamples=resamples)


def metrics_of(model_name: str, task: str, requests: list[Request]) -> dict[str, float | None]:
    """metric -> value of the model's answers, for the task's one benchmark."""
    [results] = report_of(model_name, task, requests)["benchmarks"].values()
    return {name: result["value"] for name, result in results.items()}


def wording_accuracy(items: list[dict[str, Any]], prior_gold: dict[str, str]) -> float:
    """Accuracy of answering from the wording alone: on a prior family the option its wording implies
    (``prior_gold``: family -> option), the first option ("A") elsewhere."""
    hits = [
        item["target"]
        == (
            "ABCD"[item["options"].index(prior_gold[item["category"]])]
            if item["category"] in prior_gold
            else "A"
        )
        for item in items
    ]
    return sum(hits) / len(hits)
