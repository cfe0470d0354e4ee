"""Every Eval Ever instance rows: one per record the metrics used, linked to the accuracy of its
variant (``<task>/acc_<variant>``), the result its score counts in directly."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from mb_tasks.parsing import scoring_target
from mb_tasks.records import Record, record_key

#: Record fields that have their own place in an instance row; every other field goes to metadata.
PLACED_FIELDS = ("benchmark", "pair_id", "target", "options", "response", "parsed", "score")


def sample_prompt(line_value: Any) -> str | None:
    """The prompt lmms-eval logged with a record: its sample line's ``input`` (None when there is none)."""
    prompt = line_value.get("input") if isinstance(line_value, dict) else None
    return prompt if isinstance(prompt, str) else None


def _texts(value: Any) -> list[str]:
    """A gold answer (or list of them) as a list of strings."""
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def string_values(values: Mapping[str, Any]) -> dict[str, str]:
    """The schema's string-only maps (``additional_details``, ``metadata``): None values left out,
    the others as they are if strings, else as JSON."""
    return {
        key: value if isinstance(value, str) else json.dumps(value)
        for key, value in values.items()
        if value is not None
    }


def instance_row(record: Record, prompt: str, schema_version: str, ids: dict[str, str]) -> dict[str, Any]:
    """The instance row of one scored record (``ids``: evaluation_id, model_id, evaluation_name)."""
    reference = _texts(scoring_target(record))
    canonical = json.dumps({"raw": prompt, "reference": reference}, sort_keys=True, separators=(",", ":"))
    parsed = record.get("parsed")
    return {
        "schema_version": schema_version,
        **ids,
        "evaluation_result_id": f"{ids['evaluation_name']}/acc_{record['variant']}",
        "sample_id": f"{record['pair_id']}/{record['variant']}",
        "sample_hash": hashlib.sha256(canonical.encode()).hexdigest(),
        "interaction_type": "single_turn",
        "input": {"raw": prompt, "reference": reference, "choices": record.get("options")},
        "output": {"raw": [str(record.get("response") or "")]},
        "messages": None,
        "answer_attribution": [
            {
                "turn_idx": 0,
                "source": "output.raw",
                "extracted_value": "" if parsed is None else str(parsed),
                "extraction_method": f"mb_tasks.parsing ({record.get('answer_type') or 'open'} answer)",
                "is_terminal": True,
            }
        ],
        "evaluation": {"score": float(record["score"]), "is_correct": float(record["score"]) >= 1.0},
        "error": None if record.get("valid", True) else str(record.get("invalid_reason") or "invalid answer"),
        "metadata": string_values({k: v for k, v in record.items() if k not in PLACED_FIELDS}),
    }


def instance_rows(
    records: list[Record], prompts: dict[tuple[str, str, str], str], schema_version: str, ids: dict[str, str]
) -> list[dict[str, Any]]:
    """One row per record, in (pair_id, variant) order; the prompt is empty where none was logged."""
    return [
        instance_row(record, prompts.get(record_key(record), ""), schema_version, ids)
        for record in sorted(records, key=record_key)
    ]
