"""``modbias lab`` end to end, in quick mode: a two-rung data ladder trained on CPU, each checkpoint run
through lmms-eval's real llava_hf wrapper by ``modbias run`` and reported by ``modbias report``; the
prior-following of the prior families must rise with the share of prior-agreeing training data,
with non-overlapping 95% intervals, and the biased model must answer in words the suite parses (about
two minutes on two shared cores)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from mb_tasks.benchmarks.synth.questions import PRIOR_FAMILIES
from mb_tasks.parsing.choice import choice_letters
from tests.conftest import Modbias

PRIOR_FOLLOW = "prior_follow_rate (prior families)"
Rows = list[dict[str, Any]]


def _check_prior_following_rises(rows: Rows) -> None:
    """The prior families' prior-following is higher at 0.99 than at 0.5, intervals apart."""
    low, high = (row["metrics"][PRIOR_FOLLOW] for row in rows)
    assert [row["label"] for row in rows] == ["data=0.5", "data=0.99"]
    assert low["n"] >= 20 and high["n"] >= 20
    assert high["value"] > low["value"]
    assert high["ci_low"] > low["ci_high"], (low, high)


def _records(out: Path, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of the rung's logged lmms-eval samples."""
    (samples,) = (out / "evals" / row["spec_key"] / "lmms").rglob("*samples_modbias_synth.jsonl")
    return [json.loads(line)["record"] for line in samples.read_text(encoding="utf-8").splitlines()]


def _check_checkpoints_ran_through_llava_hf(out: Path, rows: Rows) -> None:
    """Each checkpoint is a llava_hf folder that lmms-eval ran on every variant, blind ones gray."""
    for row in rows:
        checkpoint = out / "models" / row["spec_key"]
        assert {"config.json", "model.safetensors", "tokenizer.json", "preprocessor_config.json"} <= {
            path.name for path in checkpoint.iterdir()
        }
        records = _records(out, row)
        assert len(records) == 128 * 9
        blind = {r["blind_mode"] for r in records if r["variant"] in ("no_image", "misleading_hint_no_image")}
        assert blind == {"gray_image"}
        assert sum(r["valid"] for r in records) > len(records) / 2  # trained answers, mostly options


def _check_the_biased_model_answers_the_prior_in_words(out: Path, biased: dict[str, Any]) -> None:
    """A real answer, unlike a random checkpoint's: the 0.99 model writes the prior's option text (a
    yellow banana's "yellow") in nearly every prior-family record, whatever the image, and the suite
    parses it as the original's gold letter."""
    records = [r for r in _records(out, biased) if r["category"] in PRIOR_FAMILIES]
    in_words = [
        r["response"].strip() == r["options"][choice_letters(len(r["options"])).index(r["target"])]
        and r["parsed"] == r["target"]
        for r in records
    ]
    assert len(records) >= 20 * 9 and sum(in_words) > 0.9 * len(records)


def _check_results_hold_tables_plots_and_reports_only(results: Path) -> None:
    """The results folder has the table, the JSON, the plot and each rung's reports, nothing else."""
    table = (results / "ladder_data.md").read_text(encoding="utf-8")
    assert "| data=0.5 |" in table and PRIOR_FOLLOW in table
    assert (results / "ladder_data.png").read_bytes().startswith(b"\x89PNG")
    files = {path.relative_to(results).as_posix() for path in results.rglob("*") if path.is_file()}
    reports = {
        f"data/{rung}/{stem}{suffix}"
        for rung in ("data_0.5", "data_0.99")
        for stem in ("report", "report_prior")
        for suffix in (".json", ".md")
    }
    assert files == {"ladder_data.md", "ladder_data.json", "ladder_data.png"} | reports


def test_quick_data_ladder_end_to_end(modbias: Modbias, tmp_path: Path) -> None:
    """One test for the one expensive ladder (so that no pytest-xdist scheduling trains it twice)."""
    ladder = ["lab", "ladder", "--knob", "data", "--rungs", "0", "3", "--quick"]
    result = modbias(*ladder, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads((tmp_path / "results" / "ladder_data.json").read_text(encoding="utf-8"))
    _check_prior_following_rises(rows)
    _check_checkpoints_ran_through_llava_hf(tmp_path, rows)
    _check_the_biased_model_answers_the_prior_in_words(tmp_path, rows[1])
    _check_results_hold_tables_plots_and_reports_only(tmp_path / "results")


def test_an_unknown_rung_is_named(modbias: Modbias, tmp_path: Path) -> None:
    result = modbias("lab", "train", "--knob", "objective", "--rung", "9", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "objective has rungs 0..3, not 9" in result.stderr


def test_other_commands_do_not_load_the_lab_s_heavy_modules() -> None:
    """Building the ``modbias`` parser (every command, ``lab`` included) loads no torch, transformers or
    matplotlib: the lab's training and plotting are imported by the lab's subcommands alone."""
    probe = (
        "import json, sys\nfrom mb_tasks.cli.main import build_parser\nbuild_parser()\n"
        "print(json.dumps([m for m in ('torch', 'transformers', 'matplotlib') if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []
