"""Write ``examples/records.jsonl``: a small, deterministic records file for trying ``modbias report``.

The records are those of the language-driven simulated model of ``make_example_runs.py`` (the same
simulation, written as a plain records file instead of an lmms-eval output folder): its raw answers go
through the same parser and scorer as the real tasks. Run:
``.venv/bin/python examples/make_example_records.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_example_runs import LANGUAGE_DRIVEN, item_records

OUT = Path(__file__).with_name("records.jsonl")
#: (benchmark, answer type, items)
BENCHMARKS = (("toy_mcq", "mcq", 80), ("toy_yesno", "yesno", 60))


def main() -> None:
    records = [
        record
        for benchmark, answer_type, n_items in BENCHMARKS
        for item in range(n_items)
        for record in item_records(LANGUAGE_DRIVEN, benchmark, answer_type, item)
    ]
    OUT.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    print(f"wrote {len(records)} records to {OUT}")


if __name__ == "__main__":
    main()
