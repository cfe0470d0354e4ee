"""modbias run --data-dir: the local task tree, and one clear line per missing local copy."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

from mb_tasks.suite.index import read_task_config, suite_index
from mb_tasks.suite.local_data import write_local_tree
from mb_tasks.task_folders import TASK_YAMLS
from tests.benchmarks.local_data import save_local_copy


def test_a_missing_copy_is_one_line_naming_task_path_and_fix(tmp_path: Path):
    save_local_copy("pope", tmp_path)  # present: no line for it
    (tmp_path / "ai2d").mkdir()  # empty folder: still missing
    command = [sys.executable, "-m", "mb_tasks.cli.main", "run", "--data-dir", str(tmp_path),
               "--model", "dummy", "--tasks", "modbias_pope,modbias_ai2d_lite,modbias_mme"]  # fmt: skip
    finished = subprocess.run(command, capture_output=True, text=True, env={**os.environ}, timeout=120)
    assert finished.returncode == 2
    lines = finished.stderr.strip().splitlines()
    assert [line.split(":")[1].strip() for line in lines] == ["modbias_ai2d_lite", "modbias_mme"]
    assert "Traceback" not in finished.stderr
    assert f"{tmp_path / 'mme'} is missing" in lines[1]
    assert "load_dataset('lmms-lab-encoder/MME').save_to_disk(" in lines[1]


def test_videos_missing_from_where_the_base_task_reads_them_are_one_line(tmp_path: Path):
    save_local_copy("videomme", tmp_path / "data")
    save_local_copy("tempcompass", tmp_path / "data")
    (tmp_path / "hf_home" / "tempcompass").mkdir(parents=True)  # present: no line for it
    command = [sys.executable, "-m", "mb_tasks.cli.main", "run", "--data-dir", str(tmp_path / "data"),
               "--model", "dummy", "--tasks", "modbias_video_suite_lite"]  # fmt: skip
    env = {**os.environ, "HF_HOME": str(tmp_path / "hf_home")}
    finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert finished.returncode == 2 and "Traceback" not in finished.stderr
    [line] = finished.stderr.strip().splitlines()
    assert line.startswith("modbias run: modbias_videomme_lite: the videos of videomme are not at ")
    assert (
        f"{tmp_path / 'hf_home' / 'videomme'} (lmms-eval's videomme reads them from $HF_HOME/videomme/)"
        in line
    )


def test_a_copy_without_the_tasks_split_is_reported(tmp_path: Path):
    save_local_copy("mmstar", tmp_path)
    (tmp_path / "mmstar" / "dataset_dict.json").write_text('{"splits": ["test"]}')
    command = [
        sys.executable,
        "-m",
        "mb_tasks.cli.main",
        "run",
        "--data-dir",
        str(tmp_path),
        "--tasks",
        "modbias_mmstar",
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 2
    assert "has splits ['test'], not 'val'" in finished.stderr


def test_the_local_tree_overrides_only_where_hub_data_comes_from(tmp_path: Path):
    index = suite_index(TASK_YAMLS)
    tree = write_local_tree(index, tmp_path / "data", tmp_path / "tree")
    for name, entry in index.tasks.items():
        stub = yaml.safe_load((tree / f"{name}.yaml").read_text())
        merged = read_task_config(tree / f"{name}.yaml")
        if entry.uses_hub_data:
            assert stub["dataset_path"] == str((tmp_path / "data" / entry.benchmark).resolve())
            assert merged["dataset_kwargs"] == {"load_from_disk": True}
        else:  # modbias_synth: its items ship next to its YAML
            assert "dataset_path" not in stub
        assert {k: v for k, v in merged.items() if not k.startswith("dataset")} == {
            k: v for k, v in entry.config.items() if not k.startswith("dataset")
        }
    assert {p.stem for p in tree.glob("*.yaml")} == set(index.tasks) | set(index.groups)
