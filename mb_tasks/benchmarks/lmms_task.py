"""Adapters of real lmms-eval tasks: prompt and images come from the base task's own ``utils``.

A subclass names the base task's utils module (``lmms_eval.tasks.<base_utils>``) and its
``doc_to_text``/``doc_to_visual`` functions, so the ``original`` variant's request is the base task's
request byte for byte (the same prompt, the same ``convert("RGB")`` images).
"""

from __future__ import annotations

import importlib
import inspect
import re
import string
from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType
from typing import Any, ClassVar

from PIL import Image

from mb_tasks.benchmarks.base import DEFAULT_VARIANTS, BenchmarkAdapter, Item, ItemError, encoded_image_key


def without_counterfactual(variants: Sequence[str]) -> tuple[str, ...]:
    """Every variant but ``counterfactual``: the default set of a wrapped task (a benchmark with
    native pairs adds it back)."""
    return tuple(variant for variant in variants if variant != "counterfactual")


@cache
def base_utils(module: str) -> ModuleType:
    """lmms-eval's own utils module of a task, e.g. ``base_utils("mmstar.utils")``; RuntimeError naming
    the variable when it reads an environment variable that is not set as it is imported."""
    try:
        return importlib.import_module(f"lmms_eval.tasks.{module}")
    except KeyError as missing:  # lmms-eval's tempcompass utils read os.environ["HF_HOME"]
        raise RuntimeError(
            f"lmms-eval's tasks/{module.replace('.', '/')}.py reads the environment variable {missing} "
            "when imported: set it (HF_HOME: the Hugging Face cache folder, e.g. ~/.cache/huggingface)"
        ) from None


@cache
def base_function(module: str, name: str) -> tuple[Callable[..., Any], int]:
    """Function ``name`` of a task's utils module and its number of parameters (looked up once: the
    request builders call it for every row)."""
    function = getattr(base_utils(module), name)
    return function, len(inspect.signature(function).parameters)


def option_letter(answer: Any, n_options: int, item_id: object) -> str:
    """The letter of the option whose 0-based index ``answer`` gives (an int or a digit string, as
    lmms-eval's ``int(doc["answer"])`` reads it); :class:`ItemError` if it is none of the options."""
    try:
        index = int(answer)
    except (TypeError, ValueError):
        raise ItemError(f"item {item_id}: answer {answer!r} is not an option index") from None
    if not 0 <= index < n_options:
        raise ItemError(f"item {item_id}: answer index {index} outside the {n_options} options")
    return string.ascii_uppercase[index]


def gold_letter(answer: Any, options: Sequence[str], item_id: object) -> str:
    """A gold given as a letter ("B", "(B)") checked against the options with a text (an empty option
    text is no option); :class:`ItemError` if it is not one of them."""
    lettered = zip(string.ascii_uppercase, options, strict=False)  # letters stop at Z
    letters = [letter for letter, text in lettered if str(text).strip()]
    letter = str(answer).strip().strip("()").strip().upper()
    if len(letter) != 1 or letter not in letters:
        raise ItemError(
            f"item {item_id}: answer {answer!r} is not one of the {len(letters)} option letters "
            f"({', '.join(letters)})"
        )
    return letter


def yes_no_gold(answer: Any, item_id: object) -> str:
    """A yes/no gold ("Yes", "no", "yes.") as "yes"/"no"; :class:`ItemError` otherwise."""
    gold = str(answer).lower().strip().replace(".", "")
    if gold not in ("yes", "no"):
        raise ItemError(f"item {item_id}: answer {answer!r} is not yes or no")
    return gold


def non_empty_options(values: Sequence[Any], item_id: object) -> tuple[str, ...]:
    """The option texts; :class:`ItemError` for fewer than two."""
    options = tuple(str(value) for value in values)
    if len(options) < 2:
        raise ItemError(f"item {item_id}: {len(options)} option(s); a multiple-choice item needs two or more")
    return options


_LETTERED_LINE = re.compile(r"^\s*\(?([A-Z])[.):]\s*(.*?)\s*$")


def lettered_options(lines: Sequence[str], item_id: object) -> tuple[str, ...]:
    """The option texts of lines written "A. text" (or "(A) text", "A) text", "A: text"), lettered A,
    B, C, ... in order; :class:`ItemError` naming the item for a line that is not, or fewer than two."""
    texts = []
    for position, line in enumerate(lines):
        found = _LETTERED_LINE.match(str(line))
        if found is None or found.group(1) != string.ascii_uppercase[position] or not found.group(2):
            raise ItemError(f"item {item_id}: option {position + 1} {line!r} is not written as "
                            f"'{string.ascii_uppercase[position]}. text'")  # fmt: skip
        texts.append(found.group(2))
    return non_empty_options(texts, item_id)


_INLINE_OPTION = re.compile(r"(?:^|[\s,])([A-Z])[:.]\s")


def inline_options(question: str, item_id: object, letters: str = "ABCD") -> tuple[str, ...]:
    """The option texts written into a question after "Options:" ("A: cat, B: dog, ..."), in letter
    order from A to the last letter given; :class:`ItemError` naming the item when the question has
    none, fewer than two, or a letter before the last without text."""
    _, found, tail = question.rpartition("Options:")
    starts = [
        (m.group(1), m.start(1), m.end()) for m in _INLINE_OPTION.finditer(tail) if m.group(1) in letters
    ]
    texts = dict.fromkeys(letters, "")
    for position, (letter, _, text_start) in enumerate(starts):
        end = starts[position + 1][1] if position + 1 < len(starts) else len(tail)
        texts[letter] = tail[text_start:end].strip().rstrip(",").strip()
    given = [letter for letter in letters if texts[letter]]
    if not found or not given:
        raise ItemError(f"item {item_id}: no options in the question")
    options = tuple(texts[letter] for letter in letters[: letters.index(given[-1]) + 1])
    if "" in options:
        raise ItemError(f"item {item_id}: option {letters[options.index('')]} has no text in the question")
    return non_empty_options(options, item_id)


def mcq_item(
    pair_id: str, category: Any, options: tuple[str, ...], target: str, image: Any, cluster: str | None = None
) -> Item:
    """A multiple-choice item whose image key is the hash of its undecoded image(s)."""
    return Item(
        pair_id=pair_id,
        category=str(category),
        answer_type="mcq",
        target=target,
        image_key=encoded_image_key(image),
        options=options,
        cluster=cluster,
    )


def clustered_item(
    pair_id: str, category: str, answer_type: str, target: Any, image: Any, **native: Any
) -> Item:
    """An item clustered by its image (the hash of its undecoded image(s), also its image key): for
    benchmarks asking several questions about one image. ``native``: its counterfactual fields."""
    image_key = encoded_image_key(image)
    return Item(
        pair_id=pair_id,
        category=category,
        answer_type=answer_type,
        target=target,
        image_key=image_key,
        cluster=image_key,
        **native,
    )


def indexed_choice_item(doc: dict[str, Any], index: int, options_column: str, category: Any) -> Item:
    """The item of a row without an id (the item is its row) whose options are a list column and whose
    gold is an option index (ScienceQA, AI2D)."""
    pair_id = str(index)
    options = non_empty_options(doc[options_column], pair_id)
    return mcq_item(
        pair_id, category, options, option_letter(doc["answer"], len(options), pair_id), doc["image"]
    )


class LmmsTaskAdapter(BenchmarkAdapter):
    """An adapter whose prompt and images are the base lmms-eval task's."""

    #: The base task's utils module under ``lmms_eval.tasks`` and its request functions.
    base_module: ClassVar[str]
    base_doc_to_text: ClassVar[str]
    base_doc_to_visual: ClassVar[str]
    #: Every variant but ``counterfactual`` (a benchmark with native pairs adds it back).
    default_variants: ClassVar[tuple[str, ...]] = without_counterfactual(DEFAULT_VARIANTS)

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        to_text, parameters = base_function(self.base_module, self.base_doc_to_text)
        if parameters == 1:
            return to_text(doc)
        return to_text(doc, lmms_eval_specific_kwargs)

    def base_visual(self, doc: dict[str, Any], item: Item) -> list[Image.Image]:
        super().base_visual(doc, item)  # missing, corrupt or over-limit images: ItemImageError by item
        to_visual, _ = base_function(self.base_module, self.base_doc_to_visual)
        return list(to_visual(doc))
