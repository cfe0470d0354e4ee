"""The HTML report in a real browser: headless Chromium renders it, and the screenshot and the DOM
show the tables, the warnings and non-blank plots.

Chromium is Debian's ``chromium`` package; the set-up installs it with apt-get when it is missing
(CI runs as root on a fresh machine). Set MODBIAS_SCREENSHOT=PATH to keep the screenshot.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)
WIDTH, HEIGHT = 1280, 2600
#: matplotlib's first two colours (one per model) and the warning box's background.
BLUE, ORANGE, WARNING_YELLOW = (31, 119, 180), (255, 127, 14), (255, 243, 205)


@pytest.fixture(scope="session")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip(
            "chromium is not installed, and installing it needs apt-get run as root (not available here)"
        )
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, env=environment, timeout=1200
        )
        if done.returncode != 0:
            pytest.skip(
                f"`{' '.join(command)}` failed, so chromium cannot be installed: {done.stderr[-500:]}"
            )
    found = shutil.which("chromium")
    if not found:
        pytest.skip("apt-get install chromium succeeded but no chromium binary is on PATH")
    return found


def browse(chromium: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )


def colour_pixels(image: np.ndarray, colour: tuple[int, int, int]) -> int:
    return int((np.abs(image.astype(int) - colour).sum(axis=2) < 12).sum())


@pytest.fixture(scope="module")
def comparison_page(
    tmp_path_factory, example_runs: list[Path], example_runs_module: ModuleType, modbias
) -> Path:
    """`modbias compare --html` of the grounded model and a model with many invalid answers."""
    root = tmp_path_factory.mktemp("browser")
    noisy = dataclasses.replace(
        example_runs_module.LANGUAGE_DRIVEN, name="example-org/noisy-vlm", p_invalid=0.3
    )
    noisy_run = example_runs_module.write_run(root, noisy)
    page = root / "comparison.html"
    runs = [str(example_runs[0]), str(noisy_run)]
    result = modbias("compare", *runs, "--resamples", "300", "--html", str(page))
    assert result.returncode == 0, result.stderr
    return page


def test_chromium_shows_tables_warnings_and_plots(
    chromium: str, comparison_page: Path, tmp_path: Path
) -> None:
    url = comparison_page.resolve().as_uri()
    dom = browse(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = dom.stdout
    assert '<table id="models">' in text and text.count('<table class="metrics">') >= 8
    assert "example-org/grounded-vlm" in text and "example-org/noisy-vlm" in text
    assert "HIGH INVALID RATE" in text and "mg_no_image" in text and "blind_retention" in text
    assert text.count("<img ") == 7 and 'id="legend"' in text
    assert text.count('<table class="differences">') == 3  # the suite and each benchmark
    assert "example-org/grounded-vlm − example-org/noisy-vlm" in text

    screenshot = tmp_path / "report.png"
    shot = browse(
        chromium,
        tmp_path / "profile-shot",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={screenshot}",
        url,
    )
    assert shot.returncode == 0 and screenshot.exists(), shot.stderr[-2000:]
    if os.environ.get("MODBIAS_SCREENSHOT"):
        shutil.copy(screenshot, os.environ["MODBIAS_SCREENSHOT"])
    image = np.asarray(Image.open(screenshot).convert("RGB"))
    assert image.shape[:2] == (HEIGHT, WIDTH)
    # The warnings box is drawn near the top, and the plots' bars of both models are on screen.
    assert colour_pixels(image[: HEIGHT // 3], WARNING_YELLOW) > 2000
    assert colour_pixels(image, BLUE) > 3000 and colour_pixels(image, ORANGE) > 3000
    # Plots are not blank: the band holding the first plot varies strongly, unlike a blank page.
    rows_with_bars = np.flatnonzero((np.abs(image.astype(int) - BLUE).sum(axis=2) < 12).any(axis=1))
    band = image[rows_with_bars.min() : rows_with_bars.max() + 1]
    assert band.std() > 30
