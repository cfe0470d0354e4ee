"""The models ``modbias serve`` can serve: the reference models' answering rules, by name.

Each is a function of (prompt, images) returning the answer text; ``leaky`` is the oracle behind a
wrapper that gives a request without images the previous request's images (the leak
:class:`mb_tasks.models.reference.Leaky` simulates in-process), so the leak canary has a server to
catch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from PIL import Image

from mb_tasks.models.policies import blind_answer, oracle_answer, text_follower_answer

Policy = Callable[[str, Sequence[Image.Image]], str]

#: Served name prefix: ``modbias serve oracle`` serves ``modbias_oracle``, the in-process model's name.
PREFIX = "modbias_"


class PreviousImagesLeak:
    """``policy`` answering a request without images with the previous request's images."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._previous: list[Image.Image] = []
        self._lock = threading.Lock()

    def __call__(self, prompt: str, images: Sequence[Image.Image]) -> str:
        with self._lock:
            self._previous = list(images) or self._previous
            return self.policy(prompt, self._previous)


#: Short name -> a new instance of the model (leaky keeps state, so every server gets its own).
MODELS: dict[str, Callable[[], Policy]] = {
    "oracle": lambda: oracle_answer,
    "blind": lambda: blind_answer,
    "text_follower": lambda: text_follower_answer,
    "leaky": lambda: PreviousImagesLeak(oracle_answer),
}


def short_name(name: str) -> str:
    """``modbias_oracle`` or ``oracle`` -> ``oracle``; ValueError naming the choices for another name."""
    short = name.removeprefix(PREFIX)
    if short not in MODELS:
        raise ValueError(f"unknown model {name!r}; serve one of {', '.join(MODELS)}")
    return short


def served_model(name: str) -> tuple[str, Policy]:
    """(the served model name, a fresh instance of the model) for ``oracle`` or ``modbias_oracle``,
    with the synthetic scenes' lookup table built (a second or two) before the first request comes."""
    short = short_name(name)
    oracle_answer("", [Image.new("RGB", (1, 1))])
    return PREFIX + short, MODELS[short]()
