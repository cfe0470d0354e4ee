"""What a model receives from one lmms-eval ``generate_until`` request, on either request path.

simple path: ``args = (context, gen_kwargs, doc_to_visual, doc_id, task, split)``; the images are
``doc_to_visual(doc)``. chat path: ``args = (context, doc_to_messages, gen_kwargs, doc_id, task,
split)``; text and images are the parts of ``doc_to_messages(doc)``.
"""

from __future__ import annotations

from typing import Any

from PIL import Image


def _flatten(visuals: Any) -> list[Any]:
    if visuals is None:
        return []
    if isinstance(visuals, (list, tuple)):
        return [leaf for visual in visuals for leaf in _flatten(visual)]
    return [visuals]


def simple_inputs(args: tuple, task_dict: dict) -> tuple[str, list[Image.Image]]:
    """(prompt, images) of a simple-path request."""
    context, _gen_kwargs, doc_to_visual, doc_id, task, split = args
    visuals = _flatten(doc_to_visual(task_dict[task][split][doc_id]))
    return context, [visual for visual in visuals if isinstance(visual, Image.Image)]


def chat_inputs(args: tuple, task_dict: dict) -> tuple[str, list[Image.Image]]:
    """(prompt, images) of a chat-path request: the text parts joined by newlines, the image parts."""
    _context, doc_to_messages, _gen_kwargs, doc_id, task, split = args
    texts: list[str] = []
    images: list[Image.Image] = []
    for message in doc_to_messages(task_dict[task][split][doc_id]):
        content = message["content"]
        for part in [{"type": "text", "text": content}] if isinstance(content, str) else content:
            if part.get("type") == "text":
                texts.append(part["text"])
            elif part.get("type") == "image" and isinstance(part.get("url"), Image.Image):
                images.append(part["url"])
    return "\n".join(texts), images
