"""Chat-completions requests read as a reference model reads them: the text parts joined, the images
decoded from base64 data URLs, videos as the local files their file:// URLs name; a request that is
not one names the part at fault."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from mb_tasks.serve.messages import BadRequest, request_inputs


def data_url(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def body(*contents: object) -> dict:
    return {"model": "m", "messages": [{"role": "user", "content": content} for content in contents]}


def test_text_and_images_in_either_order_and_across_messages():
    picture = Image.new("RGB", (5, 4), (10, 200, 30))
    picture.putpixel((2, 1), (255, 0, 0))
    image_part = {"type": "image_url", "image_url": {"url": data_url(picture)}}
    chat_order = [image_part, {"type": "text", "text": "Q?"}]
    simple_order = [{"type": "text", "text": "Q?"}, image_part]
    for content in (chat_order, simple_order):
        prompt, images = request_inputs(body("system says", content))
        assert prompt == "system says\nQ?"
        assert [image.tobytes() for image in images] == [picture.tobytes()]
    assert request_inputs(body("just text")) == ("just text", [])


def test_a_video_url_is_the_local_file_it_names(tmp_path):
    clip = tmp_path / "a clip.mp4"
    clip.write_bytes(b"any bytes: the model reads the file")
    part = {"type": "video_url", "video_url": {"url": clip.as_uri()}}
    assert request_inputs(body([part, {"type": "text", "text": "Q?"}])) == ("Q?", [str(clip)])
    missing = {"type": "video_url", "video_url": {"url": (tmp_path / "gone.mp4").as_uri()}}
    with pytest.raises(
        BadRequest, match=r"content\[1\]: video_url names .*gone\.mp4, which is not a file here"
    ):
        request_inputs(body([{"type": "text", "text": "Q?"}, missing]))


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (
            {"type": "video_url", "video_url": {"url": "http://x/y.mp4"}},
            "must be a file:// URL of a local video",
        ),
        (
            {"type": "video_url", "video_url": "file://elsewhere/y.mp4"},
            "must be a file:// URL of a local video",
        ),
        ({"type": "image_url", "image_url": {"url": "http://x/y.png"}}, "must be a base64 data: URL"),
        ({"type": "image_url", "image_url": "data:image/png,abc"}, "data: URL is not base64"),
        ({"type": "image_url", "image_url": {"url": "data:image/png;base64,%%%"}}, "invalid base64"),
        (
            {
                "type": "image_url",
                "image_url": {"url": "data:image/png;base64," + base64.b64encode(b"no").decode()},
            },
            "corrupt or unreadable image",
        ),
        ({"type": "input_audio", "input_audio": {}}, "unsupported part type 'input_audio'"),
    ],
)
def test_a_bad_part_is_named(part: dict, message: str):
    with pytest.raises(BadRequest, match=message) as raised:
        request_inputs(body([{"type": "text", "text": "Q?"}, part]))
    assert str(raised.value).startswith("messages[0].content[1]: ")


@pytest.mark.parametrize(
    ("request_body", "message"),
    [
        ([], "must be a JSON object"),
        ({"model": "m"}, "'messages' must be a non-empty list"),
        ({"messages": ["hi"]}, r"messages\[0\] must be an object"),
        (
            {"messages": [{"role": "user", "content": 3}]},
            r"messages\[0\]: content must be a string or a list",
        ),
    ],
)
def test_a_malformed_request_is_refused_with_its_reason(request_body: object, message: str):
    with pytest.raises(BadRequest, match=message):
        request_inputs(request_body)
