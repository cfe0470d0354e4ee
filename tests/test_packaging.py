"""A wheel built from the repository works outside the checkout: the tasks ship inside it, the main
job runs, and the plain lmms-eval and lm-eval CLIs find the tasks through `modbias include-path`.

The wheel is installed into a fresh virtual environment in a temporary folder. Its other packages
come from the development environment (a `.pth` line adds that environment's site-packages, with
modbias's own editable install left out), so the test costs seconds, not a 7 GB install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from mb_tasks.records import VARIANTS

ROOT = Path(__file__).resolve().parents[1]
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
#: What the development environment holds of modbias itself (an editable install).
_OWN = ("mb_tasks", "modbias-", "__editable__", "__editable___modbias")


def _checkout_files() -> list[Path]:
    """The working tree's files as git sees them (tracked, and untracked but not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the working tree (so the build leaves nothing in the checkout)."""
    source = tmp_path_factory.mktemp("source")
    for name in _checkout_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, source],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("modbias-*.whl")
    return built


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh virtual environment outside the checkout with the wheel installed; its python."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    uv = Path(sys.executable).parent / "uv"
    subprocess.run(
        [uv, "pip", "install", "--python", python, "--no-deps", "--offline", "-q", wheel],
        check=True,
        capture_output=True,
    )
    # The locked packages without modbias: a site folder of links to the development environment's.
    shared = tmp_path_factory.mktemp("locked-site-packages")
    for entry in SITE_PACKAGES.iterdir():
        if not entry.name.startswith(_OWN):
            (shared / entry.name).symlink_to(entry)
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(purelib, "locked_packages.pth").write_text(f"import site; site.addsitedir({str(shared)!r})\n")
    return python


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1")
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


def test_the_wheel_carries_every_task_file(wheel: Path) -> None:
    shipped = set(zipfile.ZipFile(wheel).namelist())
    task_files = {
        name.as_posix()
        for name in _checkout_files()
        if name.parts[:2] in (("mb_tasks", "task_yamls"), ("mb_tasks", "lm_eval_tasks"))
    }
    assert "mb_tasks/task_yamls/modbias_synth/items.jsonl" in task_files
    assert "mb_tasks/task_yamls/_modbias_template_yaml" in task_files
    assert task_files <= shipped, sorted(task_files - shipped)
    assert not any(name.startswith(("tests/", "bench/", "examples/")) for name in shipped)


def test_the_installed_wheel_runs_the_main_job_elsewhere(environment: Path, tmp_path: Path) -> None:
    bin_folder = environment.parent
    where = _run([environment, "-c", "import mb_tasks; print(mb_tasks.__file__)"], tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(bin_folder.parent), where.stdout + where.stderr

    include = _run([bin_folder / "modbias", "include-path"], tmp_path)
    task_folder = Path(include.stdout.strip())
    assert include.returncode == 0 and task_folder.is_relative_to(bin_folder.parent)
    assert (task_folder / "modbias_synth" / "items.jsonl").is_file()

    limit = 10 * len(VARIANTS)
    run = _run(
        [bin_folder / "modbias", "run", "--model", "modbias_oracle", "--tasks", "modbias_synth",
         "--limit", limit, "--log_samples", "--output_path", tmp_path / "out"],
        tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    rows = {cells[4].strip(): cells[6].strip() for cells in _table_rows(run.stdout)}
    assert float(rows["acc_original"]) == 1.0 and float(rows["cf_acc"]) == 1.0
    report = _run([bin_folder / "modbias", "report", tmp_path / "out"], tmp_path)
    assert report.returncode == 0 and "| acc_original | 1.000 |" in report.stdout, report.stderr


def test_plain_lmms_eval_and_lm_eval_find_the_installed_tasks(environment: Path, tmp_path: Path) -> None:
    bin_folder = environment.parent
    task_folder = _run([bin_folder / "modbias", "include-path"], tmp_path).stdout.strip()
    lmms_eval = _run(
        [environment, "-m", "lmms_eval", "--model", "modbias_blind", "--tasks", "modbias_synth",
         "--include_path", task_folder, "--limit", len(VARIANTS), "--output_path", tmp_path / "out"],
        tmp_path,
    )  # fmt: skip
    assert lmms_eval.returncode == 0, lmms_eval.stderr[-3000:]
    assert {cells[4].strip() for cells in _table_rows(lmms_eval.stdout)} >= {"acc_original", "mg_no_image"}
    assert list((tmp_path / "out").rglob("*_results.json"))

    lm_eval_folder = _run([bin_folder / "modbias", "include-path", "--lm-eval"], tmp_path).stdout.strip()
    listing = _run([environment, "-m", "lm_eval", "ls", "tasks", "--include_path", lm_eval_folder], tmp_path)
    assert listing.returncode == 0, listing.stderr[-3000:]
    listed = set(listing.stdout.replace("|", " ").split())
    assert {"modbias_synth", "modbias_mmstar", "modbias_synth_text"} <= listed
    assert f"{lm_eval_folder}/modbias_synth/modbias_synth.yaml" in listed


def _table_rows(stdout: str) -> list[list[str]]:
    return [line.split("|") for line in stdout.splitlines() if line.startswith("|modbias_synth")]
