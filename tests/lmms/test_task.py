"""Each task's process_docs is bound to its own YAML: resolved by lmms-eval's own YAML loader (the
``!function`` tag next to the YAML), it expands the split with that YAML's settings."""

from __future__ import annotations

from pathlib import Path

import datasets

from mb_tasks.suite.bindings import binding_name, write_bindings
from tests.lmms import toy


def loaded_config(path: Path) -> dict:
    """The task config lmms-eval builds from the YAML (tags resolved, includes merged)."""
    from lmms_eval.utils import load_yaml_config

    return load_yaml_config(yaml_path=str(path), mode="full")


def split_of(folder: Path) -> datasets.Dataset:
    return datasets.load_from_disk(str(folder / "data"))["test"]


def test_process_docs_expands_with_its_yamls_settings(tmp_path: Path) -> None:
    folder = toy.write_task(tmp_path, toy.docs(3), ["original", "blank"])
    rows = loaded_config(folder / "modbias_toy.yaml")["process_docs"](split_of(folder))
    assert list(rows["variant"]) == ["original", "blank"] * 3
    assert set(rows["pair_id"]) == {"toy-000", "toy-001", "toy-002"}


def test_an_including_yaml_that_changes_the_settings_binds_its_own_process_docs(tmp_path: Path) -> None:
    """A lite-style twin: includes the task, sets its own metadata and binds process_docs to itself;
    a YAML that does not bind keeps the included task's settings."""
    folder = toy.write_task(tmp_path, toy.docs(3), ["original", "blank"])
    (folder / "modbias_toy_lite.yaml").write_text(
        "include: modbias_toy.yaml\n"
        "task: modbias_toy_lite\n"
        f"process_docs: !function utils.{binding_name('modbias_toy_lite')}\n"
        "metadata:\n  modbias:\n    benchmark: toy\n    variants: [no_image]\n    max_items: 2\n"
    )
    (folder / "modbias_toy_unbound.yaml").write_text("include: modbias_toy.yaml\ntask: modbias_toy_unbound\n")
    write_bindings(folder)
    lite = loaded_config(folder / "modbias_toy_lite.yaml")["process_docs"](split_of(folder))
    assert list(lite["variant"]) == ["no_image"] * 2
    unbound = loaded_config(folder / "modbias_toy_unbound.yaml")["process_docs"](split_of(folder))
    assert list(unbound["variant"]) == ["original", "blank"] * 3
