"""The reference models as lmms-eval model classes, one simple-path and one chat-path class each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from lmms_eval.api.instance import Instance
from lmms_eval.api.model import lmms

from mb_tasks.models.policies import blind_answer, oracle_answer, text_follower_answer
from mb_tasks.models.requests import chat_inputs, simple_inputs
from mb_tasks.variants.visuals import Visual

Policy = Callable[[str, Sequence[Visual]], str]


class ReferenceModel(lmms):
    """Answers every ``generate_until`` request with ``policy(prompt, images)``; no weights, no device."""

    policy: ClassVar[Policy]
    device = "cpu"

    def __init__(
        self, batch_size: int | str | None = 1, max_batch_size: int | None = None, device: str | None = None
    ) -> None:
        super().__init__()
        self.batch_size = batch_size

    def inputs(self, request: Instance) -> tuple[str, list[Visual]]:
        """The (prompt, visuals) this model sees for ``request``."""
        return (simple_inputs if self.is_simple else chat_inputs)(request.args, self.task_dict)

    def respond(self, prompt: str, images: list[Visual]) -> str:
        return type(self).policy(prompt, images)

    def generate_until(self, requests: list[Instance]) -> list[str]:
        return [self.respond(*self.inputs(request)) for request in requests]

    def generate_until_multi_round(self, requests: list[Instance]) -> list[str]:
        raise NotImplementedError(f"{type(self).__name__} answers single-round generate_until requests only")

    def loglikelihood(self, requests: list[Instance]) -> list[tuple[float, bool]]:
        raise NotImplementedError(f"{type(self).__name__} answers generate_until requests only")


class Oracle(ReferenceModel):
    """modbias_oracle: the synthetic scene's answer from the image alone; ignores hints."""

    policy = staticmethod(oracle_answer)


class Blind(ReferenceModel):
    """modbias_blind: never looks at the image; follows a hint, else answers from its prior."""

    policy = staticmethod(blind_answer)


class TextFollower(ReferenceModel):
    """modbias_text_follower: follows a hint when there is one, else answers like the oracle."""

    policy = staticmethod(text_follower_answer)


class Leaky(Oracle):
    """modbias_leaky: the oracle, except that a request without images reuses the previous request's
    images (the leak of llava_hf's simple path), for the leak-canary test."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._previous_images: list[Visual] = []

    def respond(self, prompt: str, images: list[Visual]) -> str:
        self._previous_images = images or self._previous_images
        return super().respond(prompt, self._previous_images)


class OracleChat(Oracle):
    is_simple = False


class BlindChat(Blind):
    is_simple = False


class TextFollowerChat(TextFollower):
    is_simple = False


class LeakyChat(Leaky):
    is_simple = False
