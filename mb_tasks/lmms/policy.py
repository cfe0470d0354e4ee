"""The no_image policy a benchmark's requests were built with, for the records.

lmms-eval 0.7.3 resolves the model's ``lmms_eval_specific_kwargs`` and hands them to ``doc_to_text``
and ``doc_to_visual``, where the policy is applied (:func:`mb_tasks.lmms.settings.no_image_policy`),
but hands ``process_results`` only the row and the answer: no channel tells it which model ran. The
record must still say which policy its request used (``blind_mode``), so the request hooks note the
policy they applied, per benchmark, and ``process_results`` reads the note. This is the one setting
kept between hooks (not a row store: one value per benchmark and process). lmms-eval builds a task's
prompts (one when it constructs the task, then every request) before it scores any answer, so the note
is there; without one, no kwargs were passed and ``text_only`` applied.
"""

from __future__ import annotations

from typing import Any

from mb_tasks.benchmarks.base import adapter
from mb_tasks.lmms.settings import TEXT_ONLY, no_image_policy

#: benchmark -> the no_image policy its requests were last built with in this process.
_POLICY_APPLIED: dict[str, str] = {}


def applied_policy(doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
    """The no_image policy of the row's request under the model's kwargs (always ``text_only`` for an
    audio benchmark: a gray image stands in for no recording), noted for its record."""
    audio = adapter(doc["benchmark"]).modality == "audio"
    policy = TEXT_ONLY if audio else no_image_policy(lmms_eval_specific_kwargs)
    _POLICY_APPLIED[doc["benchmark"]] = policy
    return policy


def recorded_policy(doc: dict[str, Any]) -> str:
    """The no_image policy the row's benchmark's requests were built with (``text_only`` if none was
    noted: no kwargs were passed)."""
    return _POLICY_APPLIED.get(doc["benchmark"], TEXT_ONLY)
