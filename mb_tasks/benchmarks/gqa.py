"""GQA test-dev balanced (lmms-lab-encoder/GQA): questions (config testdev_balanced_instructions)
name their image by ``imageId``; the images are a second config (testdev_balanced_images, rows
``id``, ``image``). Instead of copying every image into every question row (lmms-eval's own
``gqa_process_docs`` decodes them all), :meth:`GQAAdapter.base_split` gives each question the Arrow
files of the image split (``image_files``) and the row of its image there (``image_row``), and images
are decoded on demand. Many questions share an image: clustered by image.

Image split: the split ``testdev_images`` next to the question split when it is a local copy saved
with ``save_to_disk`` (``DIR/gqa/testdev`` and ``DIR/gqa/testdev_images``), otherwise
``load_dataset(dataset_path, "testdev_balanced_images", split=test_split)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import datasets

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, base_utils
from mb_tasks.benchmarks.rows import columns_of
from mb_tasks.lmms.base_data import base_doc, base_files
from mb_tasks.variants.images import open_item_image

IMAGES_CONFIG = "testdev_balanced_images"
#: The split of a local DatasetDict copy that holds the images.
LOCAL_IMAGES_SPLIT = "testdev_images"


def image_split(questions: datasets.Dataset, task_config: Mapping[str, Any]) -> datasets.Dataset:
    """The image split of the question split ``questions`` (see the module docstring)."""
    files = [entry["filename"] for entry in questions.cache_files]
    local = Path(files[0]).parent.parent / LOCAL_IMAGES_SPLIT if files else None
    if local is not None and (local / "dataset_info.json").is_file():
        return datasets.load_from_disk(str(local))
    return datasets.load_dataset(
        task_config["dataset_path"], IMAGES_CONFIG, split=task_config["test_split"], token=True
    )


def attach_images(questions: datasets.Dataset, images: datasets.Dataset) -> datasets.Dataset:
    """The question rows with ``image_files`` (the reference of the image split's Arrow files) and
    ``image_row`` (the row of their ``imageId`` there, -1 if it has none); no image is read."""
    files = base_files(images)
    rows = {image_id: row for row, image_id in enumerate(columns_of(images, "id")["id"])}
    image_rows = [rows.get(image_id, -1) for image_id in columns_of(questions, "imageId")["imageId"]]
    return questions.add_column("image_files", [files] * len(questions)).add_column("image_row", image_rows)


@register
class GQAAdapter(BenchmarkAdapter):
    name = "gqa"
    full_items = 12_578  # GQA test-dev balanced questions (the GQA site's testdev_balanced)
    image_columns = ()
    default_variants = LmmsTaskAdapter.default_variants  # no native pairs

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"gqa_{doc.get('id', index)}"
        if "image_row" not in doc:
            raise ItemError(f"item {pair_id}: rows need images attached (GQAAdapter.base_split)")
        if doc["image_row"] < 0:
            raise ItemError(f"item {pair_id}: image {doc['imageId']!r} is not in the image split")
        return Item(
            pair_id=pair_id,
            category="gqa",
            answer_type="open",
            target=str(doc["answer"]),
            image_key=f"gqa_image_{doc['imageId']}",
            cluster=f"gqa_image_{doc['imageId']}",
        )

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        return base_utils("gqa.utils").gqa_doc_to_text(doc, lmms_eval_specific_kwargs)

    def base_split(self, split: datasets.Dataset, task_config: Mapping[str, Any]) -> datasets.Dataset:
        return attach_images(split, image_split(split, task_config))

    def base_visual(self, doc: dict[str, Any], item: Item) -> list:
        image_doc = base_doc(doc["image_files"], doc["image_row"])
        image = open_item_image(image_doc["image"], item.pair_id)
        return base_utils("gqa.utils").gqa_doc_to_visual({"image": image})
