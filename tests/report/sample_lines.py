"""Sample lines as lmms-eval logs a modbias task's, for the reading tests."""

from __future__ import annotations

import json

METRIC_KEYS = ("acc_original", "mg_no_image", "modality_bias_index")


def sample_line(record: object, **extra: object) -> str:
    """A sample line: the record under ``record``, the string "record" under each metric key, the
    prompt under ``input``; ``extra`` keys added or replaced."""
    sample = {"doc_id": 0, "target": "yes", "record": record, **dict.fromkeys(METRIC_KEYS, "record")}
    return json.dumps({**sample, "input": "Is it red?", **extra})
