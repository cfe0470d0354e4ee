"""`modbias report` as a user runs it, on the shipped example and on bad input."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "records.jsonl"


def independent_mg_no_image(records: list[dict], benchmark: str) -> float:
    score = {
        (r["pair_id"], r["variant"]): (r["score"] if r["valid"] else 0.0)
        for r in records
        if r["benchmark"] == benchmark
    }
    pairs = [
        (score[(p, "original")], score[(p, "no_image")])
        for (p, v) in score
        if v == "original" and (p, "no_image") in score
    ]
    return sum(o - n for o, n in pairs) / len(pairs)


def test_report_on_the_shipped_example(modbias, tmp_path: Path) -> None:
    out_json, out_csv = tmp_path / "report.json", tmp_path / "report.csv"
    result = modbias(
        "report", str(EXAMPLE), "--json", str(out_json), "--csv", str(out_csv), "--resamples", "2000"
    )
    assert result.returncode == 0, result.stderr
    assert "## toy_mcq" in result.stdout and "## toy_yesno" in result.stdout
    assert "| mg_no_image |" in result.stdout and "## Suite" in result.stdout
    report = json.loads(out_json.read_text())
    records = [json.loads(line) for line in EXAMPLE.read_text().splitlines()]
    for benchmark in ("toy_mcq", "toy_yesno"):
        mg = report["benchmarks"][benchmark]["mg_no_image"]
        assert set(mg) == {"value", "ci_low", "ci_high", "n", "p_value", "p_holm"}
        assert mg["value"] == pytest.approx(independent_mg_no_image(records, benchmark))
        assert mg["ci_low"] < mg["value"] < mg["ci_high"]
        assert 0 <= mg["p_value"] <= mg["p_holm"] <= 1
    rows = list(csv.DictReader(out_csv.open()))
    assert {row["scope"] for row in rows} == {"toy_mcq", "toy_yesno", "suite"}
    assert float(
        next(r for r in rows if r["scope"] == "toy_mcq" and r["metric"] == "mg_no_image")["value"]
    ) == pytest.approx(report["benchmarks"]["toy_mcq"]["mg_no_image"]["value"])


def test_foreign_log_without_scores_gives_the_same_numbers(modbias, tmp_path: Path) -> None:
    records = [json.loads(line) for line in EXAMPLE.read_text().splitlines()]
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text(
        "".join(
            json.dumps({k: v for k, v in r.items() if k not in ("parsed", "score", "valid")}) + "\n"
            for r in records
        )
    )
    outputs = []
    for path in (EXAMPLE, foreign):
        out = tmp_path / f"{path.stem}.json"
        assert modbias("report", str(path), "--json", str(out), "--resamples", "300").returncode == 0
        outputs.append(json.loads(out.read_text())["benchmarks"])
    assert outputs[0] == outputs[1]


def test_bad_lines_are_reported_and_the_rest_is_used(modbias, tmp_path: Path) -> None:
    lines = EXAMPLE.read_text().splitlines()
    path = tmp_path / "broken.jsonl"
    path.write_text(
        "\n".join(
            [
                lines[0],
                "{oops",
                lines[1],
                lines[0],
                json.dumps(dict(json.loads(lines[2]), variant="sideways")),
            ]
        )
        + "\n"
    )
    result = modbias("report", str(path), "--resamples", "100")
    assert result.returncode == 0
    assert f"{path}:2: malformed JSON" in result.stderr
    assert "duplicate 'original' record" in result.stdout
    assert "unknown variant 'sideways'" in result.stdout


def test_nothing_usable_exits_non_zero_and_says_why(modbias, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("{oops\n")
    result = modbias("report", str(empty), str(tmp_path / "missing"))
    assert result.returncode == 1
    assert "no usable records were read" in result.stderr
    assert "malformed JSON" in result.stderr and "no such file or folder" in result.stderr


def test_console_script_is_installed() -> None:
    executable = Path(sys.executable).with_name("modbias")
    result = subprocess.run(
        [str(executable), "report", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "--resamples" in result.stdout
