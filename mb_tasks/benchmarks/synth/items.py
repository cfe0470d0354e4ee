"""The committed modbias_synth items: loading them and the prompt each one shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mb_tasks.parsing.choice import choice_letters
from mb_tasks.task_folders import SYNTH_ITEMS

Item = dict[str, Any]

#: The items file next to the task YAML (written by ``python -m mb_tasks.benchmarks.synth.generate``).
DEFAULT_ITEMS_PATH = SYNTH_ITEMS

MCQ_INSTRUCTION = "Answer with the option's letter from the given choices directly."
YESNO_INSTRUCTION = "Answer with yes or no."


def load_items(path: Path | str | None = None) -> list[Item]:
    """The items of a JSON-lines file (default: the committed modbias_synth items)."""
    source = Path(path) if path is not None else DEFAULT_ITEMS_PATH
    with source.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def prompt_text(question: str, options: list[str] | None) -> str:
    """The question, its lettered options ("A. red" per line) and the answer instruction."""
    if not options:
        return f"{question}\n{YESNO_INSTRUCTION}"
    lettered = "\n".join(
        f"{letter}. {option}" for letter, option in zip(choice_letters(len(options)), options, strict=True)
    )
    return f"{question}\n{lettered}\n{MCQ_INSTRUCTION}"
