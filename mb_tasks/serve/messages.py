"""What a reference model sees in an OpenAI chat-completions request: the prompt and the visuals.

The prompt is the text parts of every message joined by newlines, as an in-process model reads a
chat request (:func:`mb_tasks.models.requests.chat_inputs`); the visuals are the ``image_url`` parts,
which must be base64 ``data:`` URLs (what lmms-eval's ``openai`` model sends), and the ``video_url``
parts, which must be ``file://`` URLs of local video files (what it sends with ``pass_video_url=True``,
as for vLLM; the reference model reads the file, as an in-process one reads a clip path). A request
that is not one is a :class:`BadRequest` whose message names the message and part at fault.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from PIL import Image

from mb_tasks.variants.images import ItemImageError, open_item_image
from mb_tasks.variants.visuals import Visual


class BadRequest(ValueError):
    """A request the reference models cannot answer; the message says which part and why."""


def _data_url_bytes(url: Any, where: str) -> bytes:
    """The bytes of a base64 ``data:`` URL (``data:image/png;base64,...``)."""
    if not isinstance(url, str) or not url.startswith("data:"):
        shown = url[:60] if isinstance(url, str) else type(url).__name__
        raise BadRequest(f"{where}: image_url must be a base64 data: URL, got {shown!r}")
    header, comma, payload = url.partition(",")
    if not comma or not header.endswith(";base64"):
        raise BadRequest(f"{where}: image_url data: URL is not base64 ({header[:60]!r})")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as error:
        raise BadRequest(f"{where}: image_url holds invalid base64 ({error})") from None


def decode_image(part: dict[str, Any], where: str) -> Image.Image:
    """The decoded image of an ``image_url`` part (its ``image_url`` a dict with ``url``, or the URL)."""
    image_url = part.get("image_url")
    url = image_url.get("url") if isinstance(image_url, dict) else image_url
    try:
        return open_item_image(_data_url_bytes(url, where), where)
    except ItemImageError as error:
        raise BadRequest(str(error).removeprefix("item ")) from None


def video_path(part: dict[str, Any], where: str) -> str:
    """The local file of a ``video_url`` part (its ``video_url`` a dict with ``url``, or the URL), which
    must be a ``file://`` URL of an existing file."""
    video_url = part.get("video_url")
    url = video_url.get("url") if isinstance(video_url, dict) else video_url
    parsed = urlparse(url) if isinstance(url, str) else None
    if parsed is None or parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        shown = url[:60] if isinstance(url, str) else type(url).__name__
        raise BadRequest(f"{where}: video_url must be a file:// URL of a local video, got {shown!r}")
    path = Path(unquote(parsed.path))
    if not path.is_file():
        raise BadRequest(f"{where}: video_url names {path}, which is not a file here")
    return str(path)


def _parts(content: Any, where: str) -> list[dict[str, Any]]:
    """A message's content as a list of parts (a plain string is one text part)."""
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    if not isinstance(content, list) or not all(isinstance(part, dict) for part in content):
        raise BadRequest(f"{where}: content must be a string or a list of parts")
    return content


def request_inputs(body: Any) -> tuple[str, list[Visual]]:
    """(prompt, visuals: images and video file paths) of a chat-completions request body."""
    if not isinstance(body, dict):
        raise BadRequest("the request body must be a JSON object")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("'messages' must be a non-empty list")
    texts: list[str] = []
    visuals: list[Visual] = []
    for m, message in enumerate(messages):
        if not isinstance(message, dict):
            raise BadRequest(f"messages[{m}] must be an object")
        for p, part in enumerate(_parts(message.get("content"), f"messages[{m}]")):
            where = f"messages[{m}].content[{p}]"
            if part.get("type") == "text" and isinstance(part.get("text"), str):
                texts.append(part["text"])
            elif part.get("type") == "image_url":
                visuals.append(decode_image(part, where))
            elif part.get("type") == "video_url":
                visuals.append(video_path(part, where))
            else:
                raise BadRequest(
                    f"{where}: unsupported part type {part.get('type')!r} (text, image_url and video_url)"
                )
    return "\n".join(texts), visuals
