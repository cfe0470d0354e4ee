"""``modbias leaderboard --html``: a self-contained page, checked in headless Chromium: it renders
(non-blank, a dot plot per metric and model), a click on a header sorts the rows, and the console
stays free of errors."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

from mb_tasks.leaderboard import LEADERBOARD_METRICS
from tests.report.test_browser import browse, chromium, colour_pixels  # noqa: F401 (chromium: a fixture)

#: The dots' colour (matplotlib's first colour).
DOT = (31, 119, 180)
WIDTH, HEIGHT = 2400, 900


@pytest.fixture(scope="module")
def board(tmp_path_factory, example_runs: list[Path], example_runs_module: ModuleType, modbias) -> Path:
    """The HTML leaderboard of three simulated models (and the same rows as JSON beside it)."""
    root = tmp_path_factory.mktemp("board")
    noisy = dataclasses.replace(
        example_runs_module.LANGUAGE_DRIVEN, name="example-org/noisy-vlm", p_invalid=0.3
    )
    runs = [*map(str, example_runs), str(example_runs_module.write_run(root, noisy))]
    page = root / "board.html"
    done = modbias(
        "leaderboard", *runs, "--resamples", "300", "--out", str(root / "board.json"), "--html", str(page)
    )
    assert done.returncode == 0, done.stderr
    return page


def rows_of(page: Path) -> list[dict]:
    return json.loads(page.with_name("board.json").read_text())["rows"]


def model_order(dom: str) -> list[str]:
    return re.findall(r'<td data-value="[^"]*" class="model">([^<]+)<', dom)


def with_script(page: Path, script: str, name: str) -> Path:
    """A copy of the page that runs ``script`` once it has loaded (a test hook; the page is unchanged)."""
    copy = page.with_name(name)
    copy.write_text(page.read_text().replace("</body>", f"<script>{script}</script></body>"))
    return copy


def console_errors(log: str) -> list[str]:
    return [
        line for line in log.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)
    ]


def test_the_page_is_self_contained_with_a_row_and_a_plot_per_model(board: Path) -> None:
    html = board.read_text()
    assert "http" not in html and "src=" not in html and "<link" not in html
    rows = rows_of(board)
    assert model_order(html) == [row["model"] for row in rows] and len(rows) == 3
    for metric in LEADERBOARD_METRICS:
        assert f'data-key="{metric}"' in html
    plotted = sum(row[metric] is not None for row in rows for metric in LEADERBOARD_METRICS)
    assert html.count('<svg class="dot"') == plotted == 3 * len(LEADERBOARD_METRICS)
    first = rows[0]
    assert (
        f'<span class="value">{first["mg_no_image"]:.3f}</span> '
        f'<span class="ci">[{first["mg_no_image_ci_low"]:.3f}, {first["mg_no_image_ci_high"]:.3f}]</span> '
        f"<small>n={first['mg_no_image_n']}</small>"
    ) in html


def test_clicking_a_header_sorts_the_rows(chromium: str, board: Path, tmp_path: Path) -> None:  # noqa: F811
    rows = rows_of(board)
    by_gain = [row["model"] for row in sorted(rows, key=lambda row: row["mg_no_image"])]
    assert by_gain != [row["model"] for row in rows]  # the sort must change the order
    header = "document.querySelector('th[data-key=mg_no_image]')"
    once = with_script(board, f"{header}.click();", "once.html")
    twice = with_script(board, f"{header}.click(); {header}.click();", "twice.html")
    by_model = with_script(board, "document.querySelectorAll('th')[1].click();", "by_model.html")
    for page, expected in ((once, by_gain), (twice, by_gain[::-1]), (by_model, sorted(by_gain))):
        dom = browse(chromium, tmp_path / page.stem, "--dump-dom", page.resolve().as_uri())
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert model_order(dom.stdout) == expected, page.name


def test_chromium_renders_it_without_console_errors(chromium: str, board: Path, tmp_path: Path) -> None:  # noqa: F811
    logged = browse(
        chromium, tmp_path / "log", "--enable-logging=stderr", "--v=0", "--dump-dom", board.as_uri()
    )
    assert logged.returncode == 0 and model_order(logged.stdout)
    assert console_errors(logged.stderr) == []
    # The check sees errors: the same page with a broken script logs one.
    broken = with_script(board, "no_such_function();", "broken.html")
    failing = browse(
        chromium, tmp_path / "broken", "--enable-logging=stderr", "--v=0", "--dump-dom", broken.as_uri()
    )
    assert any("no_such_function" in line for line in console_errors(failing.stderr))

    screenshot = tmp_path / "board.png"
    shot = browse(
        chromium,
        tmp_path / "shot",
        f"--window-size={WIDTH},{HEIGHT}",
        f"--screenshot={screenshot}",
        board.as_uri(),
    )
    assert shot.returncode == 0 and screenshot.exists(), shot.stderr[-2000:]
    image = np.asarray(Image.open(screenshot).convert("RGB"))
    assert image.shape[:2] == (HEIGHT, WIDTH) and image.std() > 20
    # Every dot is drawn: about pi * 4^2 = 50 pixels of the dot colour each.
    assert colour_pixels(image, DOT) > 30 * 3 * len(LEADERBOARD_METRICS)


def test_leaderboard_without_an_output_is_refused(example_runs: list[Path], modbias) -> None:
    done = modbias("leaderboard", str(example_runs[0]))
    assert done.returncode == 2 and "give --out FILE, --html OUT or both" in done.stderr
