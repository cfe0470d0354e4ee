"""What a model receives from one lmms-eval ``generate_until`` request, on either request path.

lmms-eval 0.7.3 hands a model each request's arguments as a tuple whose layout its model guide and
its own model classes use (``ConfigurableTask.construct_requests``,
``ConfigurableMessagesTask.construct_requests``); :class:`SimpleArguments` and :class:`ChatArguments`
name those fields once. The simple path's images are ``doc_to_visual(doc)``; the chat path's text and
images are the parts of ``doc_to_messages(doc)``. A visual is a still image, a video file's path (for
a video task: lmms-eval's video models take paths; its chat user turn makes them video parts) or a
recording (for an audio task: ``{"array", "sampling_rate", "type": "audio"}``, an audio part).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PIL import Image

from mb_tasks.variants.visuals import Visual

#: A chat message part's type -> the type of the visual it holds.
_PART_TYPES: dict[str, type] = {"image": Image.Image, "video": str, "audio": dict}


class SimpleArguments(NamedTuple):
    """A simple-path ``generate_until`` request's arguments."""

    context: str
    generation_kwargs: dict[str, Any]
    doc_to_visual: Callable[[dict[str, Any]], Any]
    doc_id: int
    task: str
    split: str


class ChatArguments(NamedTuple):
    """A chat-path ``generate_until`` request's arguments."""

    context: str
    doc_to_messages: Callable[[dict[str, Any]], list[dict[str, Any]]]
    generation_kwargs: dict[str, Any]
    doc_id: int
    task: str
    split: str


def _flatten(visuals: Any) -> list[Any]:
    if visuals is None:
        return []
    if isinstance(visuals, (list, tuple)):
        return [leaf for visual in visuals for leaf in _flatten(visual)]
    return [visuals]


def simple_inputs(args: tuple, task_dict: dict) -> tuple[str, list[Visual]]:
    """(prompt, visuals) of a simple-path request."""
    request = SimpleArguments(*args)
    visuals = _flatten(request.doc_to_visual(task_dict[request.task][request.split][request.doc_id]))
    return request.context, [visual for visual in visuals if isinstance(visual, (Image.Image, str, dict))]


def chat_inputs(args: tuple, task_dict: dict) -> tuple[str, list[Visual]]:
    """(prompt, visuals) of a chat-path request: the text parts joined by newlines, the image parts
    and the video parts (paths)."""
    request = ChatArguments(*args)
    texts: list[str] = []
    visuals: list[Visual] = []
    for message in request.doc_to_messages(task_dict[request.task][request.split][request.doc_id]):
        content = message["content"]
        for part in [{"type": "text", "text": content}] if isinstance(content, str) else content:
            if part.get("type") == "text":
                texts.append(part["text"])
            elif isinstance(part.get("url"), _PART_TYPES.get(part.get("type"), ())):
                visuals.append(part["url"])
    return "\n".join(texts), visuals
