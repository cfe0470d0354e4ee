"""The base split behind the rows: named by its own Arrow files when it is one, else written once
under the datasets cache, as it is (images encoded, a path stays a path)."""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pytest

from mb_tasks.lmms.base_data import base_doc, base_files, content_digest, image_doc
from tests.lmms import toy


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A datasets cache of the test's own, where written copies land."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", folder)
    return folder


def written(cache: Path) -> list[Path]:
    return sorted((cache / "modbias_bases").glob("*.arrow")) if (cache / "modbias_bases").is_dir() else []


def test_a_split_saved_to_disk_is_named_by_its_own_files(tmp_path: Path, cache: Path) -> None:
    files = toy.saved_split(tmp_path / "split", toy.docs(3))
    loaded = datasets.load_from_disk(str(tmp_path / "split"))
    assert base_files(loaded) == files and written(cache) == []
    assert base_doc(files, 1)["id"] == "toy-001"
    assert base_doc(files, 1)["image"]["bytes"] == toy.docs(3)[1]["image"]["bytes"]  # left encoded


@pytest.mark.parametrize(
    "view",
    [
        lambda split: split.add_column("extra", [0] * len(split)),
        lambda split: split.select(range(1, 3)),
        lambda split: split.select([2, 0]),
        lambda split: split.remove_columns("question"),
    ],
    ids=["column_added", "rows_sliced", "rows_picked", "column_removed"],
)
def test_a_view_of_a_saved_split_is_written_as_it_is(tmp_path: Path, cache: Path, view) -> None:
    toy.saved_split(tmp_path / "split", toy.docs(3))
    shown = view(datasets.load_from_disk(str(tmp_path / "split")))
    reference = base_files(shown)
    assert [Path(file) for file in json.loads(reference)] == written(cache)
    assert [base_doc(reference, row)["id"] for row in range(len(shown))] == shown["id"]
    assert sorted(base_doc(reference, 0)) == sorted(shown.column_names)


def test_an_in_memory_split_is_written_once_by_content(cache: Path) -> None:
    first = base_files(toy.dataset(toy.docs(3)))
    again = base_files(toy.dataset(toy.docs(3)))
    other = base_files(toy.dataset(toy.docs(4)))
    assert first == again != other and len(written(cache)) == 2
    assert json.loads(first) == [
        str(cache / "modbias_bases" / f"{content_digest(toy.dataset(toy.docs(3)))}.arrow")
    ]


def test_an_image_given_by_path_stays_a_path(tmp_path: Path) -> None:
    """Nothing is embedded: the copy refers to the image file, decoded only when a request needs it."""
    picture = tmp_path / "red.png"
    picture.write_bytes(toy.png(toy.colour_image("red")))
    docs = toy.docs(2)
    docs[0]["image"] = {"bytes": None, "path": str(picture)}
    files = base_files(toy.dataset(docs))
    assert base_doc(files, 0)["image"] == {"bytes": None, "path": str(picture)}
    assert image_doc(files, 0, ("image",), "toy-000")["image"].getpixel((0, 0)) == toy.RGB["red"]
