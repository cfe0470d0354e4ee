"""An lm-eval ``--log_samples`` line logs the task row under ``doc``; the reader must take the record
under the metric keys, not the row (which has benchmark, pair_id and variant too)."""

from __future__ import annotations

import json
from pathlib import Path

from mb_tasks.report.reading import read_records


def test_lm_eval_sample_yields_the_record_not_the_logged_doc(tmp_path: Path) -> None:
    row = {"benchmark": "synth", "pair_id": "p1", "variant": "original", "base_index": 0, "item": "{}"}
    record = row | {"response": "B", "parsed": "B", "score": 1.0, "valid": True, "target": "B"}
    sample = {
        "doc_id": 0, "doc": row, "target": "B", "arguments": {}, "resps": [["B"]], "filtered_resps": ["B"],
        "filter": "none", "metrics": ["acc_original", "invalid_rate_original"],
        "acc_original": record, "invalid_rate_original": record,
    }  # fmt: skip
    path = tmp_path / "samples_modbias_synth_2026-01-01T00-00-00.jsonl"
    path.write_text(json.dumps(sample) + "\n", encoding="utf-8")
    result = read_records([tmp_path])
    assert result.records == [record]
    assert result.problems == []
