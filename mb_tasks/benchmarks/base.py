"""The benchmark adapter interface: what the variant engine needs to know about one base benchmark.

Adding a benchmark means adding one adapter module ``mb_tasks/benchmarks/<name>.py`` (or a package
``mb_tasks/benchmarks/<name>/``) whose adapter class is decorated with :func:`register`, and one task
YAML; nothing else. ``adapter("mmstar")`` imports that module on first use.

An adapter reads an :class:`Item` from a base document *without decoding its images* (in ``item`` and
``base_text`` image columns arrive as ``datasets``' undecoded ``{"bytes", "path"}`` dicts, or whatever
the column holds when it is not an image feature), builds the base lmms-eval task's prompt byte for
byte (``base_text``; call the base task's own ``utils`` for a real benchmark) and returns the base
images (``base_visual``, which receives the document with its ``image_columns`` already decoded to
PIL images by the engine, errors naming the item; the engine converts them to RGB).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from mb_tasks.metrics.catalogue import benchmark_metrics
from mb_tasks.metrics.extras import BenchmarkExtras, add_extras_finder, register_extras
from mb_tasks.records import ALL_VARIANTS, ANSWER_TYPES, MODALITY_VARIANTS

if TYPE_CHECKING:  # datasets and PIL load where an adapter reads data, not when a report imports it
    import datasets
    from PIL import Image

    from mb_tasks.metrics.definitions import Statistic
    from mb_tasks.metrics.table import ItemTable

#: The variants an image task runs when its YAML does not choose (``counterfactual`` is added by the
#: engine only for items that have a native counterfactual).
DEFAULT_VARIANTS: tuple[str, ...] = MODALITY_VARIANTS["image"]

#: The lite twin's variants unless the adapter chooses (``lite_variants``): accuracy with and
#: without the image, and a misleading hint.
LITE_VARIANTS: tuple[str, ...] = ("original", "no_image", "misleading_hint")

#: Image placeholders some base prompts carry (LLaVA-style ``<image>``, numbered ``<image 1>``).
_IMAGE_PLACEHOLDER = re.compile(r"<image(?:\s*\d+)?>")


class ItemError(ValueError):
    """A base document that cannot become an item (missing options, unknown answer, ...); the message
    names the item. The engine reports it and skips the item."""


@dataclass(frozen=True)
class Item:
    """One base item, read from its document without decoding images.

    ``target`` is the gold (or list of golds) in the form the parsing package scores against;
    ``options`` the answer options of a multiple-choice item (None otherwise); ``image_key`` is equal
    for items showing the same image (a hash of the encoded bytes, or of a synthetic spec);
    ``cluster`` groups items that share an image for clustered intervals. A native counterfactual is
    ``cf_target`` (its gold) plus, when the counterfactual image is a base row's image (another row's,
    or the item's own), ``cf_index`` (that row's index); an adapter that builds the image otherwise overrides
    :meth:`BenchmarkAdapter.counterfactual_visual`.
    """

    pair_id: str
    category: str
    answer_type: str
    target: Any
    image_key: str
    options: tuple[str, ...] | None = None
    cluster: str | None = None
    cf_target: Any = None
    cf_index: int | None = None

    def __post_init__(self) -> None:
        if self.answer_type not in ANSWER_TYPES:
            raise ItemError(f"item {self.pair_id}: unknown answer_type {self.answer_type!r}")
        if self.answer_type == "mcq" and not self.options:
            raise ItemError(f"item {self.pair_id}: multiple-choice item without options")

    @property
    def has_counterfactual(self) -> bool:
        return self.cf_target is not None


def encoded_image_key(value: Any) -> str:
    """sha256 of an undecoded image value (bytes, a {"bytes", "path"} dict, or a path): equal for
    byte-identical encodings; "missing" when there is none."""
    if isinstance(value, dict):
        value = value.get("bytes") or value.get("path")
    if isinstance(value, (list, tuple)):
        return hashlib.sha256("\x1f".join(map(encoded_image_key, value)).encode()).hexdigest()
    if not value:
        return "missing"
    data = bytes(value) if isinstance(value, (bytes, bytearray)) else str(value).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def strip_image_placeholders(text: str) -> str:
    """The prompt with ``<image>``-style placeholders removed (and the whitespace they leave)."""
    stripped = _IMAGE_PLACEHOLDER.sub("", text)
    return re.sub(r"[ \t]{2,}", " ", re.sub(r"\n{3,}", "\n\n", stripped)).strip()


class BenchmarkAdapter:
    """One base benchmark. Subclasses set ``name`` and implement :meth:`item` and :meth:`base_text`;
    the defaults suit a benchmark with one ``image`` column."""

    #: The records' ``benchmark``; the task is ``modbias_<name>``.
    name: ClassVar[str]
    #: The document columns holding images (``base_visual`` decodes them in this order).
    image_columns: ClassVar[tuple[str, ...]] = ("image",)
    #: The medium of the items: "image" (:meth:`base_visual`), or "video" and "audio" for the
    #: adapters of :mod:`mb_tasks.benchmarks.media`; it chooses the variants the benchmark's tasks may
    #: run (``mb_tasks.records.MODALITY_VARIANTS``).
    modality: ClassVar[str] = "image"
    #: The variants run when the task YAML does not choose.
    default_variants: ClassVar[tuple[str, ...]] = DEFAULT_VARIANTS
    #: Item categories that cannot be answered without the image. The leak canary watches blind
    #: accuracy on them: far above chance there, the model wrapper leaks images into text-only requests.
    vision_required_categories: ClassVar[frozenset[str]] = frozenset()
    #: A lite subset (``max_items``) keeps whole clusters rather than single items: for benchmarks
    #: whose scores need every item of a cluster (VLind-Bench's pipeline gates by instance).
    subset_whole_clusters: ClassVar[bool] = False
    #: Whether the benchmark's task ``modbias_<name>`` joins ``modbias_suite``, and its generated lite
    #: twin ``modbias_suite_lite`` (``python -m mb_tasks.suite.generate``).
    in_suite: ClassVar[bool] = True
    #: The variants of the lite twin (its ``max_items`` is ``mb_tasks.suite.generate.LITE_MAX_ITEMS``).
    lite_variants: ClassVar[tuple[str, ...]] = LITE_VARIANTS
    #: Items in the full dataset (after ``selects``), and how many of them have a native
    #: counterfactual: the README's model-call tables (``mb_tasks/suite/calls.py``); a suite member
    #: must give ``full_items``, with its source.
    full_items: ClassVar[int | None] = None
    full_counterfactuals: ClassVar[int] = 0

    def base_split(self, split: datasets.Dataset, task_config: Mapping[str, Any]) -> datasets.Dataset:
        """The split the items are read from, given the split the harness loaded and the task's YAML
        settings (``dataset_path``, ``test_split``, ...): ``split`` itself, unless the benchmark keeps
        part of its data elsewhere (GQA's images) and attaches where to find it."""
        return split

    def prepare(self, documents: datasets.Dataset) -> None:
        """Called once with the undecoded base split before any :meth:`item` call. An adapter whose
        items depend on other rows (a native counterfactual in another row) reads those columns here."""

    def item(self, doc: dict[str, Any], index: int) -> Item:
        """The item of base document ``doc`` (row ``index``); :class:`ItemError` if malformed."""
        raise NotImplementedError

    def selects(self, doc: dict[str, Any]) -> bool:
        """False for a base document outside the benchmark's scope (SEED-Bench's video items): left
        out of the task without a problem line."""
        return True

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        """The base lmms-eval task's prompt for ``doc``, byte for byte."""
        raise NotImplementedError

    def base_visual(self, doc: dict[str, Any], item: Item) -> list[Image.Image]:
        """The base task's images; ``doc``'s image columns hold decoded PIL images (a value that is
        not one is decoded here, :class:`ItemImageError` naming the item if it fails)."""
        from mb_tasks.variants.images import open_item_image

        images: list[Image.Image] = []
        for column in self.image_columns:
            value = doc.get(column)
            values = value if isinstance(value, (list, tuple)) else [value]
            images.extend(open_item_image(one, item.pair_id) for one in values)
        return images

    def counterfactual_visual(
        self, doc: dict[str, Any], item: Item, base_row: Callable[[int], dict[str, Any]]
    ) -> list[Image.Image]:
        """The images of the item's native counterfactual; by default row ``item.cf_index``'s images.
        ``doc`` is the item's own base document with its images left encoded, ``base_row(index)`` a
        base document with its image columns decoded."""
        from mb_tasks.variants.images import ItemImageError

        if item.cf_index is None:
            raise ItemImageError(f"item {item.pair_id}: no counterfactual image")
        return self.base_visual(base_row(item.cf_index), item)

    def answer_text(self, item: Item, answer: str) -> str:
        """How a hint names ``answer`` (a parsed answer: an option letter, "yes"/"no", or text)."""
        return answer

    def no_image_text(self, text: str) -> str:
        """The prompt for a request without image: placeholders removed."""
        return strip_image_placeholders(text)

    @property
    def extra_metrics(self) -> tuple[str, ...]:
        """The benchmark-specific metrics :meth:`statistics` yields: the catalogue's entries of this
        benchmark (``mb_tasks/metrics/catalogue/entries.py``)."""
        return benchmark_metrics(self.name)

    def statistics(self, table: ItemTable) -> Iterable[tuple[str, Statistic]]:
        """Benchmark-specific metrics (``extra_metrics``) of the benchmark's item table, next to the
        DESIGN.md ones; none by default."""
        return ()


AdapterType = TypeVar("AdapterType", bound=type[BenchmarkAdapter])

_REGISTRY: dict[str, type[BenchmarkAdapter]] = {}


def register(cls: AdapterType) -> AdapterType:
    """Class decorator: make ``adapter(cls.name)`` return an instance of ``cls``, and register its
    extras (leak canary categories, benchmark-specific metrics) with the metrics."""
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(
            f"benchmark {cls.name!r} is registered twice ({existing.__module__}, {cls.__module__})"
        )
    _REGISTRY[cls.name] = cls
    register_extras(cls.name, BenchmarkExtras(cls.vision_required_categories, cls().statistics))
    return cls


#: Modules of this package that hold no adapter.
_NOT_ADAPTERS = frozenset({"base", "lmms_media", "lmms_task", "media", "rows"})


@cache
def adapter_modules() -> frozenset[str]:
    """The names of the package's adapter modules: its own top-level modules and packages (found on
    disk, nothing imported), except the helpers in ``_NOT_ADAPTERS``."""
    found = pkgutil.iter_modules([str(Path(__file__).parent)])
    return frozenset(module.name for module in found) - _NOT_ADAPTERS


def adapter(name: str) -> BenchmarkAdapter:
    """The adapter of benchmark ``name``: a registered one, or the one of ``mb_tasks.benchmarks.<name>``
    imported on first use when ``name`` is one of :func:`adapter_modules` (an allow-list, so a name
    read from a record never chooses any other import); KeyError otherwise."""
    if name not in _REGISTRY and name in adapter_modules():
        importlib.import_module(f"{__package__}.{name}")
    if name not in _REGISTRY:
        known = ", ".join(sorted(adapter_modules() | set(_REGISTRY)))
        raise KeyError(f"no benchmark adapter named {name!r} (known: {known})")
    return _REGISTRY[name]()


def _import_adapter(name: str) -> None:
    """Import the adapter of benchmark ``name`` if it has one (registering it registers its extras)."""
    with contextlib.suppress(KeyError):
        adapter(name)


def provide_adapter_extras() -> None:
    """Let the metrics find a benchmark's extras through its adapter, imported (allow-listed, as by
    :func:`adapter`) when a report first asks for them. Adapter modules import ``datasets`` only
    where they read a split, so that a report stays light."""
    add_extras_finder(_import_adapter)


def validate_variants(variants: Sequence[str], modality: str | None = None) -> tuple[str, ...]:
    """The variant names in canonical order, checked against DESIGN.md's names (those of ``modality``
    when given: a video task cannot run ``blank``), a clear error for a typo."""
    known = MODALITY_VARIANTS[modality] if modality is not None else ALL_VARIANTS
    unknown = [variant for variant in variants if variant not in known]
    if unknown:
        scope = f"{modality} variants" if modality is not None else "names"
        raise ValueError(f"unknown variant(s) {unknown}; expected {scope} from {', '.join(known)}")
    return tuple(variant for variant in known if variant in variants)
