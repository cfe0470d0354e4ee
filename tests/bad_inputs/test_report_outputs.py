"""The bad-input audit's section A, part 2 (A41–A50: names in outputs, output paths, options,
results files), the report side of R6 and R25, D4 (a record field choosing an import), and the
leaderboard given the same bad inputs. The cases of R13, R14, R19, R22, R23 and R24 drive the real
`modbias report` command.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mb_tasks.report.html import render_html
from mb_tasks.report.plots import write_plots
from tests.bad_inputs.report_cases import ROOT, example, mk, report_of, run_report, write_jsonl
from tests.conftest import Modbias

# A41–A50: names in outputs, output paths, options, results files


def test_a41_unicode_bidi_and_nul_in_names_and_answers(tmp_path: Path) -> None:
    name = "בדיקה_😀_\u202etest\u202c"
    report = report_of(
        mk(
            lambda r: (
                [x.update(benchmark=name, pair_id="عنصر😀" + x["pair_id"]) for x in r]
                + [r[0].update(response="B\x00")]
            )
        )
    )
    assert report["counts"][name]["items"] == 5 and report["problems"] == []
    written = write_plots({"m": report}, tmp_path / "plots")
    assert all(path.parent == tmp_path / "plots" and "\u202e" not in path.name for path in written)


def test_a42_markup_in_records_is_escaped_in_the_page() -> None:
    payload = '<script>document.title="x"</script><img src=x onerror="document.title=1"><svg onload=alert(1)>'
    records = mk(
        lambda r: [
            x.update(benchmark=payload, pair_id=payload + x["pair_id"], category=payload, response=payload)
            for x in r
        ]
    )
    page = render_html({payload: report_of(records)})
    body = page.split("<body>", 1)[1]
    assert "<script" not in body and "<img src=x" not in body and "<svg" not in body
    assert "&lt;script&gt;" in body


def lmms_run(tmp_path: Path, records: list[dict], results: bytes) -> Path:
    """An lmms-eval-shaped output folder: a samples file and a results file next to it."""
    folder = tmp_path / "run"
    write_jsonl(folder / "20261123_120000_samples_modbias_toy.jsonl", records)
    (folder / "20261123_120000_results.json").write_bytes(results)
    return folder


def test_a43_markup_in_the_results_file_is_escaped(modbias: Modbias, tmp_path: Path) -> None:
    payload = "<script>document.title='x'</script>"
    results = json.dumps({"model_name": payload, "config": {"model": "m", "model_args": payload}}).encode()
    page = tmp_path / "r.html"
    result, _ = run_report(modbias, lmms_run(tmp_path, example(), results), "--html", page)
    assert result.returncode == 0, result.stderr
    body = page.read_text().split("<body>", 1)[1]
    assert "<script" not in body and "&lt;script&gt;document.title=&#x27;x&#x27;&lt;/script&gt;" in body


def test_a44_r19_csv_cells_cannot_start_a_formula(modbias: Modbias, tmp_path: Path) -> None:
    name = "=cmd|' /C calc'!A0"
    path = write_jsonl(tmp_path / "x.jsonl", mk(lambda r: [x.update(benchmark=name) for x in r]))
    result, report = run_report(modbias, path, "--csv", tmp_path / "o.csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "o.csv").open(encoding="utf-8")))
    assert {row["scope"] for row in rows} == {"'" + name, "suite"}
    acc = next(row for row in rows if row["scope"] == "'" + name and row["metric"] == "acc_original")
    assert float(acc["value"]) == report["benchmarks"][name]["acc_original"]["value"]
    gain = next(row for row in rows if row["metric"] == "consistent_hint_gain" and row["scope"] != "suite")
    assert float(gain["value"]) == report["benchmarks"][name]["consistent_hint_gain"]["value"]


def test_a45_a47_r13_r14_plots_stay_in_their_folder_and_names_stay_text(
    modbias: Modbias, tmp_path: Path
) -> None:
    names = ["org/bench", "</script>", "../x", f"{tmp_path}/../escape", "x$^$", "price $5 and $6"]
    path = write_jsonl(
        tmp_path / "in" / "x.jsonl", [dict(r, benchmark=name) for name in names for r in example()]
    )
    before = set(tmp_path.parent.iterdir())
    plots, page = tmp_path / "plots", tmp_path / "m.html"
    result, _ = run_report(modbias, path, "--plots", plots, "--html", page)
    assert result.returncode == 0, result.stderr
    assert set(tmp_path.parent.iterdir()) == before  # nothing written next to tmp_path
    assert sorted(tmp_path.rglob("*.png")) == sorted(plots.iterdir())
    assert len(list(plots.iterdir())) == 1 + 3 * len(names)
    text = page.read_text()
    for name in names:
        assert f"<h2>{name.replace('<', '&lt;').replace('>', '&gt;')}</h2>" in text


def test_a48_r23_outputs_into_missing_folders_are_written(modbias: Modbias, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", example())
    outputs = [
        tmp_path / "no" / "dir" / "o.json",
        tmp_path / "nodir2" / "o.csv",
        tmp_path / "nodir3" / "o.html",
    ]
    result = modbias(
        "report",
        str(path),
        "--json",
        str(outputs[0]),
        "--csv",
        str(outputs[1]),
        "--html",
        str(outputs[2]),
        "--plots",
        str(tmp_path / "nodir4" / "plots"),
        "--resamples",
        "0",
    )
    assert result.returncode == 0, result.stderr
    assert all(output.stat().st_size > 0 for output in outputs)
    assert len(list((tmp_path / "nodir4" / "plots").glob("*.png"))) == 4


def test_a48_r23_an_output_that_cannot_be_written_is_one_clear_line(modbias: Modbias, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", example())
    (tmp_path / "file").write_text("a file, not a folder")
    result = modbias("report", str(path), "--json", str(tmp_path / "file" / "o.json"), "--resamples", "0")
    assert result.returncode == 1
    assert (
        result.stderr.strip().splitlines()[-1].startswith(f"modbias report: cannot write {tmp_path / 'file'}")
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["report", "compare", "leaderboard", "export"])
def test_a49_r24_negative_resamples_are_refused_by_every_command(
    command: str, modbias: Modbias, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", example())
    result = modbias(command, str(path), "--resamples", "-5")
    assert result.returncode == 2 and result.stdout == ""
    assert (
        "argument --resamples: '-5' is not a number of bootstrap resamples (a whole number >= 0"
        in result.stderr
    )


def test_a49_r24_zero_resamples_means_no_intervals(modbias: Modbias, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", example())
    report = run_report(modbias, path)[1]
    zero = modbias("report", str(path), "--resamples", "0", "--json", str(tmp_path / "zero.json"))
    assert zero.returncode == 0
    assert (
        json.loads((tmp_path / "zero.json").read_text())["benchmarks"]["toy_mcq"]["acc_original"]["ci_low"]
        is None
    )
    assert report["benchmarks"]["toy_mcq"]["mg_no_image"]["ci_low"] is not None


@pytest.mark.parametrize(
    ("results", "output"), [(b"[]", "--html"), (b"\xff\xfe not utf-8", "--html"), (b'{"config": ', "--plots")]
)
def test_a50_r22_an_unreadable_results_file_is_a_problem(
    modbias: Modbias, tmp_path: Path, results: bytes, output: str
) -> None:
    folder = lmms_run(tmp_path, example(), results)
    result, report = run_report(modbias, folder, output, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    unreadable = f"{folder / '20261123_120000_results.json'}: unreadable results file ("
    assert any(problem.startswith(unreadable) for problem in report["problems"])
    assert unreadable in result.stdout
    if output == "--html":
        assert unreadable in (tmp_path / "out").read_text()
    else:
        assert len(list((tmp_path / "out").glob("*.png"))) == 4


# R6, R25: what the tasks say about the items they expanded


def test_r6_r25_dropped_and_partial_items_are_in_the_saved_report(modbias: Modbias, tmp_path: Path) -> None:
    drop = {
        "item": "112",
        "row": 12,
        "message": "toy_mcq: row 12: item 112: answer 'E' is not one of the 4 option letters; item skipped",
    }

    def expanded(records: list[dict]) -> None:
        for record in records:
            record["item_variants"] = 9
        records[0]["expansion_problems"] = [drop]
        del records[-5:]  # toy_mcq-4 keeps 4 of its 9 variants

    path = write_jsonl(tmp_path / "x.jsonl", mk(expanded))
    result, report = run_report(modbias, path, "--html", tmp_path / "h.html")
    assert result.returncode == 0, result.stderr
    counts = report["counts"]["toy_mcq"]
    assert (counts["items_dropped"], counts["items_partial"]) == (1, 1)
    assert drop["message"] in report["problems"]
    assert any("item toy_mcq-4 has 4 of 9" in p for p in report["problems"])
    assert "items dropped at expansion: 1; partial items: 1" in result.stdout
    assert "partial items: 1" in (tmp_path / "h.html").read_text()


# D4 / R27: a record's benchmark never chooses an import


def test_d4_r27_a_benchmark_name_never_imports_a_module(tmp_path: Path) -> None:
    names = ["synth.generate", "mmbench_v1.1", "../synth", "https://example.com/x", "a/b", "synth/generate"]
    path = write_jsonl(tmp_path / "x.jsonl", [dict(r, benchmark=name) for name in names for r in example(18)])
    code = (
        "import json, sys\n"
        "from mb_tasks.benchmarks.base import provide_adapter_extras\n"
        "from mb_tasks.metrics import compute_report\n"
        "provide_adapter_extras()\n"  # as the modbias command: adapters are imported by benchmark name
        f"records = [json.loads(line) for line in open({str(path)!r})]\n"
        "report = compute_report(records, resamples=0)\n"
        "imported = 'mb_tasks.benchmarks.synth.generate' in sys.modules\n"
        "print(json.dumps([sorted(report['benchmarks']), imported]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    benchmarks, imported = json.loads(done.stdout)
    assert benchmarks == sorted(names) and imported is False


def test_leaderboard_given_the_same_bad_inputs_goes_on(modbias: Modbias, tmp_path: Path) -> None:
    runs = []
    for name, edit in (("a", lambda r: None), ("b", lambda r: r[0].update(score="abc"))):
        records = mk(lambda r, edit=edit: [[x.update(benchmark="mmbench_v1.1") for x in r], edit(r)])
        runs.append(write_jsonl(tmp_path / name / "s.jsonl", records).parent)
        (tmp_path / name / "garbage.jsonl").write_bytes(bytes(range(256)))
    result = modbias("leaderboard", *map(str, runs), "--out", str(tmp_path / "board.csv"), "--resamples", "0")
    assert result.returncode == 0, result.stderr
    assert f"{tmp_path / 'a' / 'garbage.jsonl'}: not a text file" in result.stderr
    rows = list(csv.DictReader((tmp_path / "board.csv").open(encoding="utf-8")))
    assert sorted(row["items"] for row in rows) == ["5", "5"] and rows[0]["benchmarks"] == "mmbench_v1.1"
