"""GQA test-dev balanced (lmms-lab-encoder/GQA): questions (config testdev_balanced_instructions)
name their image by ``imageId``; the images are a second config (testdev_balanced_images, rows
``id``, ``image``). Instead of copying every image into every question row (lmms-eval's own
``gqa_process_docs`` decodes them all), rows get the position of their image in the image split, and
images are decoded on demand. Many questions share an image: clustered by image.

Image split: the split ``testdev_images`` of the loaded DatasetDict when there is one (a local copy
saved with ``save_to_disk``), otherwise ``load_dataset(dataset_path, "testdev_balanced_images")``.
"""

from __future__ import annotations

from typing import Any

import datasets

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, ItemError, register
from mb_tasks.benchmarks.lmms_task import LmmsTaskAdapter, base_utils
from mb_tasks.benchmarks.rows import columns_of
from mb_tasks.lmms.sources import undecoded
from mb_tasks.variants.images import ItemImageError, open_item_image

IMAGES_CONFIG = "testdev_balanced_images"
#: The split of a local DatasetDict copy that holds the images.
LOCAL_IMAGES_SPLIT = "testdev_images"

#: Image splits by fingerprint (rows name theirs in ``image_split``), decoded and undecoded.
_IMAGE_SPLITS: dict[str, tuple[datasets.Dataset, datasets.Dataset]] = {}


def attach_images(questions: datasets.Dataset, images: datasets.Dataset) -> datasets.Dataset:
    """The question rows with ``image_split`` (the image split's key) and ``image_row`` (the row of
    their ``imageId`` there, -1 if it has none); no image is read."""
    key = images._fingerprint
    _IMAGE_SPLITS[key] = (images, undecoded(images))
    rows = {image_id: row for row, image_id in enumerate(columns_of(images, "id")["id"])}
    image_rows = [rows.get(image_id, -1) for image_id in columns_of(questions, "imageId")["imageId"]]
    return questions.add_column("image_split", [key] * len(questions)).add_column("image_row", image_rows)


def image_split(task: Any) -> datasets.Dataset:
    """The image split for an lmms-eval task loading GQA (see the module docstring)."""
    loaded = getattr(task, "dataset", None)
    if isinstance(loaded, datasets.DatasetDict) and LOCAL_IMAGES_SPLIT in loaded:
        return loaded[LOCAL_IMAGES_SPLIT]
    config = task.config
    return datasets.load_dataset(config.dataset_path, IMAGES_CONFIG, split=config.test_split, token=True)


def process_docs(dataset: datasets.Dataset) -> datasets.Dataset:
    """lmms-eval's ``process_docs`` for modbias_gqa: attach the image rows, then expand."""
    from mb_tasks.lmms.task import loading_task
    from mb_tasks.lmms.task import process_docs as expand_docs

    return expand_docs(attach_images(dataset, image_split(loading_task())))


@register
class GQAAdapter(BenchmarkAdapter):
    name = "gqa"
    full_items = 12_578  # GQA test-dev balanced questions (the GQA site's testdev_balanced)
    image_columns = ()
    default_variants = LmmsTaskAdapter.default_variants  # no native pairs

    def item(self, doc: dict[str, Any], index: int) -> Item:
        pair_id = f"gqa_{doc.get('id', index)}"
        if "image_row" not in doc:
            raise ItemError(
                f"item {pair_id}: rows need images attached (mb_tasks.benchmarks.gqa.process_docs)"
            )
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

    def base_visual(self, doc: dict[str, Any], item: Item) -> list:
        split = _IMAGE_SPLITS.get(doc["image_split"])
        if split is None:
            raise ItemImageError(f"item {item.pair_id}: image split {doc['image_split']} is not loaded")
        image = open_item_image(split[1][doc["image_row"]]["image"], item.pair_id)
        return base_utils("gqa.utils").gqa_doc_to_visual({"image": image})
