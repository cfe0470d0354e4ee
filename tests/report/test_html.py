"""The HTML report and the plots, from reports computed by compute_report on lmms-eval-shaped runs."""

from __future__ import annotations

import base64
import dataclasses
import io
import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

from mb_tasks.benchmarks.base import provide_adapter_extras
from mb_tasks.metrics import compute_report
from mb_tasks.metrics import definitions as metric_definitions
from mb_tasks.metrics.catalogue import PROFILE_METRICS
from mb_tasks.metrics.catalogue import legend_line as formula
from mb_tasks.report.html import render_html
from mb_tasks.report.plots import report_plots
from mb_tasks.report.runs import read_run


def embedded_images(page: str) -> list[np.ndarray]:
    encoded = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    return [np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")) for data in encoded]


@pytest.fixture(scope="module")
def troubled_run(tmp_path_factory: pytest.TempPathFactory, example_runs_module: ModuleType) -> Path:
    """A model that leaks images into text-only requests on the synthetic benchmark, answers many
    requests invalidly, and was run on few items: every kind of warning (the leak canary from the synth
    adapter's extras, provided as the modbias command provides them)."""
    provide_adapter_extras()
    model = dataclasses.replace(
        example_runs_module.GROUNDED,
        name="example-org/leaky-vlm",
        p_correct={**example_runs_module.GROUNDED.p_correct, "no_image": 0.97},
        p_invalid=0.0,
    )
    root = tmp_path_factory.mktemp("troubled")
    folder = example_runs_module.write_run(root, model, benchmarks=(("synth", "mcq", 60),))
    noisy = dataclasses.replace(model, p_invalid=0.4)
    example_runs_module.write_run(root, noisy, benchmarks=(("tiny", "yesno", 12),))
    return folder


def test_page_has_warnings_first_then_tables_plots_and_legend(troubled_run: Path) -> None:
    report = compute_report(read_run(troubled_run).records, resamples=500)
    page = render_html({"leaky": report}, model_args={"leaky": "pretrained=x"})
    warnings_at = page.index('id="warnings"')
    assert warnings_at < page.index('id="benchmark-synth"') < page.index('id="legend"')
    for kind in ("LEAK CANARY synth", "HIGH INVALID RATE tiny", "FEW PAIRS tiny"):
        assert warnings_at < page.index(kind)
    assert (
        page.count('<table class="metrics">') >= 8
    )  # suite profile + 3 tables and "all metrics" per benchmark
    acc = report["benchmarks"]["synth"]["acc_original"]
    assert f"{acc['value']:.3f}" in page and f"[{acc['ci_low']:.3f}, {acc['ci_high']:.3f}]" in page
    assert (
        "<script" not in page and "http" not in page.split("<body>", 1)[1]
    )  # self-contained, nothing fetched


def test_legend_shows_the_formulas_written_in_the_metric_definitions(troubled_run: Path) -> None:
    report = compute_report(read_run(troubled_run).records, resamples=0)
    page = render_html({"m": report})
    legend = page.split('id="legend"', 1)[1]
    docstring = metric_definitions.text_preference_ratio.__doc__
    expected = " ".join(docstring.split()).split(" = ", 1)[1]
    assert expected.replace("'", "&#x27;") in legend
    for metric in PROFILE_METRICS:
        assert formula(metric) is not None, metric
        assert f"<dt>{formula(metric).split(' = ')[0]}</dt>" in legend


def test_every_plot_is_embedded_and_not_blank(example_runs: list[Path]) -> None:
    reports = {str(i): compute_report(read_run(p).records, resamples=300) for i, p in enumerate(example_runs)}
    plots = report_plots(reports)
    # suite profile, then per benchmark accuracy, invalid rates and profile
    assert [plot.stem for plot in plots] == [
        "suite_bias_profile",
        *[
            f"{b}_{kind}"
            for b in ("toy_mcq", "toy_yesno")
            for kind in ("acc", "invalid_rate", "bias_profile")
        ],
    ]
    images = embedded_images(render_html(reports))
    assert len(images) == len(plots)
    for image in images:
        assert image.std() > 20 and len(np.unique(image.reshape(-1, 3), axis=0)) > 50
        # both models' bars are drawn: matplotlib's first two colours C0 (blue) and C1 (orange)
        for colour in ((31, 119, 180), (255, 127, 14)):
            assert (np.abs(image.astype(int) - colour).sum(axis=2) < 10).sum() > 200


def test_report_command_writes_html_and_png_files(example_runs: list[Path], tmp_path: Path, modbias) -> None:
    page, plots = tmp_path / "report.html", tmp_path / "plots"
    result = modbias(
        "report", str(example_runs[1]), "--resamples", "200", "--html", str(page), "--plots", str(plots)
    )
    assert result.returncode == 0, result.stderr
    text = page.read_text()
    assert (
        "<td>example-org/language-vlm</td><td>pretrained=example-org/language-vlm,max_pixels=200704</td>"
        in text
    )
    written = sorted(p.name for p in plots.iterdir())
    assert written == sorted(
        ["suite_bias_profile.png"]
        + [
            f"{b}_{kind}.png"
            for b in ("toy_mcq", "toy_yesno")
            for kind in ("acc", "invalid_rate", "bias_profile")
        ]
    )
    assert all(Image.open(plots / name).size[0] > 400 for name in written)
    assert len(embedded_images(text)) == len(written)


def test_sources_are_listed_after_the_warnings_and_escaped(troubled_run: Path) -> None:
    records = read_run(troubled_run).records
    hostile = {"format": "generic", "repo": "<script>alert(1)</script>", "commit": "abc", "file": "a&b.csv"}
    for row, record in enumerate(records):
        record["source"] = {**hostile, "model": '"><img src=x onerror=alert(1)>', "row": row}
    report = compute_report(records, resamples=0)
    used = [sum(counts["records"].values()) for counts in report["counts"].values()]
    assert [source["records"] for source in report["sources"]] == used
    page = render_html({"hostile": report})
    assert page.index('id="warnings"') < page.index('id="sources"') < page.index('id="benchmark-synth"')
    assert "<script" not in page and "<img src=x" not in page
    assert (
        f"synth: {report['sources'][0]['records']} records from &lt;script&gt;alert(1)&lt;/script&gt; @ abc "
        "(generic), model &quot;&gt;&lt;img src=x onerror=alert(1)&gt;; files: a&amp;b.csv"
    ) in page
    assert 'id="sources"' not in render_html(
        {"plain": compute_report(read_run(troubled_run).records, resamples=0)}
    )
