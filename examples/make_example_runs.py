"""Write ``examples/runs/``: two lmms-eval output folders (one per simulated model) to try
``modbias report --html``, ``modbias compare`` and ``modbias leaderboard`` on.

Each folder looks like what ``lmms-eval --output_path examples/runs --log_samples`` writes:
``<model>/<date>_results.json`` (with ``config.model`` and ``config.model_args``) and
``<model>/<date>_samples_modbias_<benchmark>.jsonl`` (each line a sample whose metric keys hold the
modbias record). The simulated answers go through the same parser and scorer as the real tasks.
Every random draw is seeded by sha256 of (model, benchmark, item, variant), so the files are
byte-identical on every run. Run: ``.venv/bin/python examples/make_example_runs.py``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mb_tasks.parsing import chance_level, score_answer
from mb_tasks.records import VARIANTS

OUT = Path(__file__).with_name("runs")
DATE = "20261123_120000"  # lmms-eval 0.7.3 names its files <%Y%m%d_%H%M%S>_results.json
LETTERS = "ABCD"
METRIC_KEYS = ("acc_original", "mg_no_image", "modality_bias_index")


@dataclass(frozen=True)
class SimulatedModel:
    """How a simulated model answers: P(correct) per variant, hint following, invalid answers."""

    name: str
    wrapper: str
    model_args: str
    p_correct: dict[str, float]
    p_follow_hint: float
    p_text_only_follows_hint: float
    p_invalid: float


GROUNDED = SimulatedModel(
    name="example-org/grounded-vlm",
    wrapper="llava_hf",
    model_args="pretrained=example-org/grounded-vlm,dtype=bfloat16",
    p_correct={
        "original": 0.85,
        "no_image": 0.35,
        "blank": 0.3,
        "noise": 0.32,
        "mismatch": 0.25,
        "consistent_hint": 0.9,
        "counterfactual": 0.7,
    },
    p_follow_hint=0.1,
    p_text_only_follows_hint=0.8,
    p_invalid=0.02,
)
LANGUAGE_DRIVEN = SimulatedModel(
    name="example-org/language-vlm",
    wrapper="qwen2_5_vl",
    model_args="pretrained=example-org/language-vlm,max_pixels=200704",
    p_correct={
        "original": 0.75,
        "no_image": 0.62,
        "blank": 0.6,
        "noise": 0.6,
        "mismatch": 0.55,
        "consistent_hint": 0.92,
        "counterfactual": 0.4,
    },
    p_follow_hint=0.6,
    p_text_only_follows_hint=0.85,
    p_invalid=0.08,
)
MODELS = (GROUNDED, LANGUAGE_DRIVEN)
#: Item categories per simulated benchmark: a "synth" simulation uses real synthetic families that
#: need the image, so that the leak canary applies to it as to the real benchmark.
CATEGORIES = {"synth": ("colour", "count", "shape")}
#: (benchmark, answer type, items)
BENCHMARKS = (("toy_mcq", "mcq", 120), ("toy_yesno", "yesno", 100))


def _rng(*parts: object) -> np.random.Generator:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _response(rng: np.random.Generator, model: SimulatedModel, answer: str, answer_type: str, options) -> str:
    if rng.random() < model.p_invalid:
        return ["", "I cannot see the image.", "Hmm, hard to say."][int(rng.integers(3))]
    if answer_type == "mcq":
        forms = [answer, f"({answer})", f"The answer is {answer}.", options[LETTERS.index(answer)]]
        return forms[int(rng.integers(len(forms)))]
    return answer.capitalize() + "."


def item_records(model: SimulatedModel, benchmark: str, answer_type: str, item: int) -> list[dict]:
    """Every variant's record of one item, as the modbias task would emit it."""
    item_rng = _rng(benchmark, item)  # the item itself does not depend on the model
    options = [f"option {k} of item {item}" for k in range(4)] if answer_type == "mcq" else None
    golds = list(LETTERS) if answer_type == "mcq" else ["yes", "no"]
    gold = golds[int(item_rng.integers(len(golds)))]
    wrong = [g for g in golds if g != gold]
    hint = wrong[int(item_rng.integers(len(wrong)))]
    cf_gold = wrong[0]
    text_only = (
        hint if _rng(model.name, benchmark, item, "text").random() < model.p_text_only_follows_hint else gold
    )
    categories = CATEGORIES.get(benchmark, ("category-0", "category-1", "category-2"))
    records = []
    for variant in VARIANTS:
        rng = _rng(model.name, benchmark, item, variant)
        target_now = cf_gold if variant == "counterfactual" else gold
        if variant == "misleading_hint":
            answer = hint if rng.random() < model.p_follow_hint else gold
        elif variant == "misleading_hint_no_image":
            answer = text_only
        else:
            right = rng.random() < model.p_correct[variant]
            answer = (
                target_now
                if right
                else [g for g in golds if g != target_now][int(rng.integers(len(golds) - 1))]
            )
        response = _response(rng, model, answer, answer_type, options)
        scored = score_answer(response, answer_type, target_now, options)
        record = {
            "benchmark": benchmark,
            "pair_id": f"{benchmark}-{item}",
            "variant": variant,
            "category": categories[item % len(categories)],
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
        if variant in ("misleading_hint", "misleading_hint_no_image", "consistent_hint"):
            record.update(hint_answer=gold if variant == "consistent_hint" else hint, hint_template=item % 3)
        if variant == "counterfactual":
            record["cf_target"] = cf_gold
        records.append(record)
    return records


def write_run(root: Path, model: SimulatedModel, benchmarks=BENCHMARKS, date: str = DATE) -> Path:
    """Write one lmms-eval-shaped output folder for ``model`` under ``root``; return the folder."""
    folder = root / model.name.replace("/", "__")
    folder.mkdir(parents=True, exist_ok=True)
    for benchmark, answer_type, n_items in benchmarks:
        lines = []
        for item in range(n_items):
            for doc_id, record in enumerate(item_records(model, benchmark, answer_type, item)):
                sample = {
                    "doc_id": item * len(VARIANTS) + doc_id,
                    "target": str(record["target"]),
                    "filtered_resps": [record["response"]],
                    "input": f"question of {record['pair_id']}",
                    **{key: record for key in METRIC_KEYS},
                }
                lines.append(json.dumps(sample) + "\n")
        (folder / f"{date}_samples_modbias_{benchmark}.jsonl").write_text("".join(lines), encoding="utf-8")
    results = {
        "results": {
            f"modbias_{benchmark}": {"alias": f"modbias_{benchmark}"} for benchmark, _, _ in benchmarks
        },
        "config": {"model": model.wrapper, "model_args": model.model_args, "limit": None},
        "model_source": model.wrapper,
        "model_name": model.name,
        "model_name_sanitized": model.name.replace("/", "__"),
    }
    (folder / f"{date}_results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    for model in MODELS:
        print(f"wrote {write_run(OUT, model)}")


if __name__ == "__main__":
    main()
