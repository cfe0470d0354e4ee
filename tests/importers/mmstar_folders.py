"""Task folders over a local MMStar copy: lmms-eval's own ``mmstar``, and ``modbias_mmstar`` with every
variant or with every variant but ``original`` (the counterfactual run that a standard run completes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lmms_eval
import yaml

from mb_tasks.suite.bindings import binding_name, write_bindings
from mb_tasks.task_folders import TASK_YAMLS
from tests.benchmarks.local_data import save_local_copy

TASK = "modbias_mmstar"
ALL_VARIANTS = (
    "original", "no_image", "blank", "noise", "mismatch",
    "misleading_hint", "misleading_hint_no_image", "consistent_hint",
)  # fmt: skip
LMMS_MMSTAR_YAML = Path(lmms_eval.__file__).parent / "tasks" / "mmstar" / "mmstar.yaml"


def stub(folder: Path, name: str, include: Path, data: Path, **overrides: Any) -> None:
    """A task YAML in ``folder`` including ``include``, reading the local copy ``data``; one that sets
    ``metadata`` binds its own ``process_docs`` (as ``mb_tasks.suite.bindings`` documents)."""
    config = {"include": str(include), "task": name, "dataset_path": str(data)}
    config |= {"dataset_kwargs": {"load_from_disk": True}, **overrides}
    text = yaml.safe_dump(config)
    if "metadata" in overrides:
        text += f"process_docs: !function utils.{binding_name(name)}\n"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    write_bindings(folder)


@dataclass(frozen=True)
class MMStarFolders:
    """The local copy (``data``) and one task folder per run."""

    data: Path
    standard: Path
    counterfactual: Path
    full: Path


def mmstar_folders(root: Path) -> MMStarFolders:
    """The 8-item local MMStar copy under ``root`` and the three task folders reading it."""
    save_local_copy("mmstar", root / "data")
    folders = MMStarFolders(
        root / "data" / "mmstar", root / "standard", root / "counterfactual", root / "full"
    )
    modbias_yaml = TASK_YAMLS / TASK / f"{TASK}.yaml"
    stub(folders.standard, "mmstar", LMMS_MMSTAR_YAML, folders.data)
    variants = {"version": 0.1, "modbias": {"benchmark": "mmstar", "variants": list(ALL_VARIANTS[1:])}}
    stub(folders.counterfactual, TASK, modbias_yaml, folders.data, metadata=variants)
    stub(folders.full, TASK, modbias_yaml, folders.data)
    return folders
