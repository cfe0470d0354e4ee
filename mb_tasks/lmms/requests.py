"""Each variant's request: its images (``doc_to_visual``) and its prompt (``doc_to_text``), as
functions of the row and the ``lmms_eval_specific_kwargs`` lmms-eval passes for the model.

| variant | images | text |
|---|---|---|
| original | the base images | the base prompt |
| no_image | none (gray, original size, under ``gray_image``) | base prompt, placeholders removed if none |
| blank / noise | gray (128) / seeded Gaussian noise of the original size | base prompt |
| mismatch | the donor item's images | base prompt |
| misleading_hint / consistent_hint | the base images | hint, newline, base prompt |
| misleading_hint_no_image | as no_image | hint, newline, prompt as no_image |
| counterfactual | the native counterfactual's images | base prompt |

A video benchmark's rows (adapter ``modality`` "video") get their visuals from
:mod:`mb_tasks.lmms.video_requests` (clip paths, a still for ``single_frame``), an audio benchmark's
from :mod:`mb_tasks.lmms.audio_requests` (recordings; its no_image policy is always ``text_only``,
:func:`mb_tasks.lmms.policy.applied_policy`); their text as above.

An image that fails to decode here (a header check at expansion passed) is logged by item and the
request gets no image; :func:`image_failure` gives the same verdict to ``process_results``, which marks
the item's records ``skipped``. Decoding goes through memoized functions of the row's item, so a
verdict is computed once per item and process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from loguru import logger
from PIL import Image

from mb_tasks.benchmarks.base import BenchmarkAdapter, adapter
from mb_tasks.benchmarks.media import AudioAdapter, VideoAdapter
from mb_tasks.lmms.audio_requests import audio_failure, audio_visuals
from mb_tasks.lmms.base_data import base_doc, image_doc
from mb_tasks.lmms.expansion import NO_IMAGE_VARIANTS
from mb_tasks.lmms.policy import applied_policy
from mb_tasks.lmms.rows import RowItem, item_named, row_cf_target, row_item, row_target
from mb_tasks.lmms.settings import GRAY_IMAGE
from mb_tasks.lmms.video_requests import clip_failure, video_visuals
from mb_tasks.parsing.score import scoring_target
from mb_tasks.variants import blank_like, noise_like, to_rgb
from mb_tasks.variants.images import read_problem
from mb_tasks.variants.visuals import Visual

#: How many items' base images stay decoded: rows are item-major, so an item's variants hit the cache.
BASE_IMAGE_CACHE = 64
#: How many counterfactuals' images stay decoded (a counterfactual row's check, then its request).
COUNTERFACTUAL_CACHE = 4
#: How many items' image verdicts (decodable or why not) are remembered per process.
VERDICT_CACHE = 1 << 16


@cache
def benchmark_adapter(benchmark: str) -> BenchmarkAdapter:
    """The adapter of ``benchmark`` (one instance per process)."""
    return adapter(benchmark)


@lru_cache(maxsize=BASE_IMAGE_CACHE)
def _base_images(benchmark: str, files: str, index: int, item_id: str) -> tuple[Image.Image, ...]:
    """Base row ``index``'s images as RGB, decoded (or rendered) once for all the item's variants."""
    bench = benchmark_adapter(benchmark)
    doc = image_doc(files, index, bench.image_columns, item_id)
    return tuple(to_rgb(image) for image in bench.base_visual(doc, item_named(item_id)))


@lru_cache(maxsize=COUNTERFACTUAL_CACHE)
def _counterfactual_images(item: RowItem) -> tuple[Image.Image, ...]:
    """The images of the item's native counterfactual as RGB (only those are decoded)."""
    bench = benchmark_adapter(item.benchmark)

    def counterfactual_row(index: int) -> dict[str, Any]:
        label = f"{item.pair_id} (counterfactual row {index})"
        return image_doc(item.base_files, index, bench.image_columns, label)

    doc = base_doc(item.base_files, item.base_index)
    return tuple(to_rgb(image) for image in bench.counterfactual_visual(doc, item.item(), counterfactual_row))


@lru_cache(maxsize=VERDICT_CACHE)
def base_image_problem(benchmark: str, files: str, index: int, item_id: str) -> str | None:
    """Why base row ``index``'s images cannot be decoded (None when they can)."""
    return read_problem(_base_images, benchmark, files, index, item_id)


@lru_cache(maxsize=VERDICT_CACHE)
def counterfactual_problem(item: RowItem) -> str | None:
    """Why the item's counterfactual images cannot be decoded (None when they can)."""
    return read_problem(_counterfactual_images, item)


def image_failure(doc: dict[str, Any]) -> str | None:
    """Why the row's record cannot be scored: its item's base images (or clip), or the images only its
    own request shows (a mismatch donor's, the counterfactual's), fail to decode; None when all decode."""
    bench = benchmark_adapter(doc["benchmark"])
    if isinstance(bench, VideoAdapter):
        return clip_failure(bench, doc)
    if isinstance(bench, AudioAdapter):
        return audio_failure(bench, doc)
    item = row_item(doc)
    failure = base_image_problem(item.benchmark, item.base_files, item.base_index, item.pair_id)
    if failure is None and doc["variant"] == "mismatch":
        failure = base_image_problem(item.benchmark, item.base_files, doc["donor_index"], doc["donor_id"])
    if failure is None and doc["variant"] == "counterfactual":
        failure = counterfactual_problem(item)
    return failure


def _variant_images(doc: dict[str, Any], item: RowItem) -> list[Image.Image]:
    """The variant's images, from the decoded (cached) base images of the item or its donor."""
    variant = doc["variant"]
    if variant == "counterfactual":
        return [image.copy() for image in _counterfactual_images(item)]
    if variant == "mismatch":
        donor = _base_images(item.benchmark, item.base_files, doc["donor_index"], doc["donor_id"])
        return [image.copy() for image in donor]
    images = _base_images(item.benchmark, item.base_files, item.base_index, item.pair_id)
    if variant in NO_IMAGE_VARIANTS or variant == "blank":
        return [blank_like(image) for image in images]
    if variant == "noise":
        return [
            noise_like(image, doc["benchmark"], doc["pair_id"], position, doc["seed"])
            for position, image in enumerate(images)
        ]
    return [image.copy() for image in images]


def request_images(doc: dict[str, Any], blind_mode: str) -> list[Visual]:
    """The variant's images (RGB; for a video benchmark, clip paths or a still) under the no_image
    policy ``blind_mode``; ``[]`` for a text-only request, and for a request whose images fail to
    decode (logged naming the item)."""
    if doc["variant"] in NO_IMAGE_VARIANTS and blind_mode != GRAY_IMAGE:
        return []
    failure = image_failure(doc)
    if failure is not None:
        logger.error(
            f"modbias: {doc['benchmark']}: {failure}; the records of that item and of this "
            f"{doc['pair_id']}/{doc['variant']} request are marked skipped"
        )
        return []
    bench = benchmark_adapter(doc["benchmark"])
    if isinstance(bench, VideoAdapter):
        return video_visuals(bench, doc, no_visual=doc["variant"] in NO_IMAGE_VARIANTS)
    if isinstance(bench, AudioAdapter):
        return audio_visuals(bench, doc)
    return _variant_images(doc, row_item(doc))


def request_text(doc: dict[str, Any], prompt_kwargs: dict[str, Any] | None, blind_mode: str) -> str:
    """The variant's prompt (the base prompt byte for byte for ``original``) under ``blind_mode``."""
    bench = benchmark_adapter(doc["benchmark"])
    text = bench.base_text(base_doc(doc["base_files"], doc["base_index"]), prompt_kwargs)
    if doc["variant"] in NO_IMAGE_VARIANTS and blind_mode != GRAY_IMAGE:
        text = bench.no_image_text(text)
    if doc["hint_text"]:
        text = f"{doc['hint_text']}\n{text}"
    return text


def doc_to_visual(
    doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None = None
) -> list[Visual]:
    """lmms-eval's ``doc_to_visual``: the variant's images under the model's no_image policy."""
    return request_images(doc, applied_policy(doc, lmms_eval_specific_kwargs))


def doc_to_text(doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None = None) -> str:
    """lmms-eval's ``doc_to_text``: the variant's prompt for the model's prompt kwargs and policy."""
    return request_text(doc, lmms_eval_specific_kwargs, applied_policy(doc, lmms_eval_specific_kwargs))


def doc_to_target(doc: dict[str, Any]) -> Any:
    """What the row is scored against (``cf_target`` for a counterfactual row)."""
    return scoring_target(
        {"variant": doc["variant"], "target": row_target(doc), "cf_target": row_cf_target(doc)}
    )
