"""Names from records made safe as file names, plot text and spreadsheet cells."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from mb_tasks.metrics import compute_report
from mb_tasks.report.names import MAX_STEM_BYTES, plain_title, safe_file_stem, spreadsheet_cell
from mb_tasks.report.plots import figure_png, report_plots, write_plots
from tests.metrics.records_factory import paired_table

HOSTILE = [
    "/abs/path/escape",
    "org/bench",
    "../x",
    "..",
    "</script>",
    "x$^$",
    "price $5 and $6",
    "a\\b",
    "\u202etxt",
]


@given(st.text())
def test_a_stem_is_a_plain_bounded_file_name(name: str) -> None:
    stem = safe_file_stem(name)
    assert stem and "/" not in stem and "\\" not in stem and not stem.startswith(".")
    assert not any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") for char in stem)
    assert len(stem.encode()) <= MAX_STEM_BYTES + 9
    assert safe_file_stem(name) == stem  # the same name, the same file


@given(st.text(), st.text())
def test_two_names_never_share_a_stem(first: str, second: str) -> None:
    if first != second:
        assert safe_file_stem(first) != safe_file_stem(second)


def test_plain_names_keep_their_stem_and_changed_ones_get_a_hash() -> None:
    assert safe_file_stem("mmbench_en_dev") == "mmbench_en_dev"
    assert safe_file_stem("mmbench_v1.1") == "mmbench_v1.1"
    assert safe_file_stem("org/bench").startswith("org_bench-")
    assert safe_file_stem("org/bench") != safe_file_stem("org_bench")


def rendered_title(text: str, *, parse_math: bool = True) -> bytes:
    figure = Figure(figsize=(4, 1), dpi=50)
    FigureCanvasAgg(figure)
    figure.add_subplot().set_title(text, parse_math=parse_math)
    return figure_png(figure)


@pytest.mark.parametrize("name", ["x$^$", "price $5 and $6", "$\\alpha$", "a\\$b", "plain"])
def test_a_title_renders_as_written(name: str) -> None:
    assert rendered_title(plain_title(name)) == rendered_title(name, parse_math=False)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("toy_mcq", "toy_mcq"),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_spreadsheet_cells_starting_a_formula_are_neutralised(value: object, cell: object) -> None:
    assert spreadsheet_cell(value) == cell


def test_plots_of_hostile_names_stay_in_their_folder_with_literal_titles(tmp_path: Path) -> None:
    records = [dict(r, benchmark=name) for name in HOSTILE for r in paired_table({(1, 0): 3})]
    report = compute_report(records, resamples=0)
    plots_dir = tmp_path / "plots"
    written = write_plots({"model $x$": report}, plots_dir)
    assert len(written) == 1 + 3 * len(HOSTILE)
    assert sorted(plots_dir.iterdir()) == sorted(written)
    assert all(path.parent == plots_dir for path in written)
    titles = {plot.figure.axes[0].get_title() for plot in report_plots({"m": report})}
    assert "Accuracy per variant: price \\$5 and \\$6" in titles
