"""Hand-built records for metric tests: each item's answer per variant is stated explicitly."""

from __future__ import annotations

from mb_tasks.parsing import score_answer

OPTIONS = ["red", "green", "blue", "yellow"]


def mcq_record(pair_id: str, variant: str, response: str, gold: str = "A", **extra: object) -> dict:
    """A record as a task would emit it, scored by the real parser."""
    target = extra.pop("cf_target", None)
    scored = score_answer(
        response, "mcq", target if variant == "counterfactual" and target else gold, OPTIONS
    )
    record = {
        "benchmark": extra.pop("benchmark", "bench"),
        "pair_id": pair_id,
        "variant": variant,
        "answer_type": "mcq",
        "target": gold,
        "options": OPTIONS,
        "response": response,
        "parsed": scored.parsed,
        "score": scored.score,
        "valid": scored.valid,
        "chance": 0.25,
    }
    if target is not None:
        record["cf_target"] = target
    record.update(extra)
    return record


def yesno_record(pair_id: str, variant: str, response: str, gold: str = "yes", **extra: object) -> dict:
    scored = score_answer(response, "yesno", gold)
    record = {
        "benchmark": extra.pop("benchmark", "yn"),
        "pair_id": pair_id,
        "variant": variant,
        "answer_type": "yesno",
        "target": gold,
        "response": response,
        "parsed": scored.parsed,
        "score": scored.score,
        "valid": scored.valid,
        "chance": 0.5,
    }
    record.update(extra)
    return record


def paired_table(counts: dict[tuple[int, int], int], variant: str = "no_image") -> list[dict]:
    """Items whose (original correct?, variant correct?) follow a 2x2 contingency table."""
    records = []
    item = 0
    for (original_correct, other_correct), n in counts.items():
        for _ in range(n):
            pair_id = f"item{item}"
            records.append(mcq_record(pair_id, "original", "A" if original_correct else "B"))
            records.append(mcq_record(pair_id, variant, "A" if other_correct else "C"))
            item += 1
    return records
