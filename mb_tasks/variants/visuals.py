"""What a request shows a model, as lmms-eval's tasks hand it over."""

from __future__ import annotations

from typing import Any

from PIL import Image

#: A still image, a video file's path (lmms-eval's video models take paths), or a recording
#: ``{"array", "sampling_rate"}`` (its audio models take those).
Visual = Image.Image | str | dict[str, Any]
