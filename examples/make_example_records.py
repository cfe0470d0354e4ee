"""Write ``examples/records.jsonl``: a small, deterministic records file for trying ``modbias report``.

A simulated model that leans on language answers two toy benchmarks under every variant. Its raw
answers go through the same parser and scorer as the real tasks, so the file looks exactly like the
records the tasks emit. Run: ``.venv/bin/python examples/make_example_records.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from mb_tasks.parsing import chance_level, score_answer
from mb_tasks.records import VARIANTS

OUT = Path(__file__).with_name("records.jsonl")
LETTERS = "ABCD"
# Probability that the simulated model answers correctly under each variant.
P_CORRECT = {
    "original": 0.80,
    "no_image": 0.45,
    "blank": 0.40,
    "noise": 0.42,
    "mismatch": 0.35,
    "consistent_hint": 0.90,
    "counterfactual": 0.55,
}
P_FOLLOW_HINT = 0.45
P_INVALID = 0.03


def _mcq_response(rng: np.random.Generator, letter: str, options: list[str]) -> str:
    forms = [letter, f"({letter})", f"{letter}.", f"The answer is {letter}.", options[LETTERS.index(letter)]]
    return forms[int(rng.integers(len(forms)))]


def _records(benchmark: str, answer_type: str, n_items: int, rng: np.random.Generator) -> list[dict]:
    records = []
    for item in range(n_items):
        options = [f"option {k} of item {item}" for k in range(4)] if answer_type == "mcq" else None
        golds = list(LETTERS) if answer_type == "mcq" else ["yes", "no"]
        gold = golds[int(rng.integers(len(golds)))]
        wrong = [g for g in golds if g != gold]
        hint = wrong[int(rng.integers(len(wrong)))]
        cf_gold = wrong[0]
        text_only_answer = hint if rng.random() < 0.7 else gold
        for variant in VARIANTS:
            target_now = cf_gold if variant == "counterfactual" else gold
            if variant == "misleading_hint":
                answer = hint if rng.random() < P_FOLLOW_HINT else gold
            elif variant == "misleading_hint_no_image":
                answer = text_only_answer
            else:
                correct = rng.random() < P_CORRECT[variant]
                answer = target_now if correct else next(g for g in golds if g != target_now)
            if rng.random() < P_INVALID:
                response = ["", "I cannot see the image.", "Hmm."][int(rng.integers(3))]
            elif answer_type == "mcq":
                response = _mcq_response(rng, answer, options)
            else:
                response = answer.capitalize() + "."
            scored = score_answer(response, answer_type, target_now, options)
            record = {
                "benchmark": benchmark,
                "pair_id": f"{benchmark}-{item}",
                "variant": variant,
                "category": f"category-{item % 3}",
                "cluster": f"image-{item // 2}" if answer_type == "yesno" else None,
                "answer_type": answer_type,
                "target": gold,
                "options": options,
                "response": response,
                "parsed": scored.parsed,
                "score": scored.score,
                "valid": scored.valid,
                "invalid_reason": scored.invalid_reason,
                "chance": chance_level(answer_type, options),
            }
            if variant in ("misleading_hint", "misleading_hint_no_image"):
                record.update(hint_answer=hint, hint_template=item % 3)
            if variant == "consistent_hint":
                record.update(hint_answer=gold, hint_template=item % 3)
            if variant == "counterfactual":
                record["cf_target"] = cf_gold
            records.append(record)
    return records


def main() -> None:
    rng = np.random.default_rng(20261123)
    records = _records("toy_mcq", "mcq", 80, rng) + _records("toy_yesno", "yesno", 60, rng)
    OUT.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    print(f"wrote {len(records)} records to {OUT}")


if __name__ == "__main__":
    main()
