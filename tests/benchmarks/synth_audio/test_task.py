"""modbias_synth_audio through the real lmms-eval CLI (``modbias run``, one short run), then
``modbias report`` on its output: every audio variant comes back as a record, and the bias table and
the report show the audio metrics."""

from pathlib import Path

from mb_tasks.benchmarks.synth_audio import FAMILIES
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.report import read_records

AUDIO = MODALITY_VARIANTS["audio"]
ITEMS = 5  # one item of every family


def test_run_prints_the_audio_bias_table_and_report_reads_every_variant(tmp_path: Path, modbias) -> None:
    output = tmp_path / "out"
    run = modbias(
        "run", "--model", "modbias_oracle", "--tasks", "modbias_synth_audio",
        "--limit", str(ITEMS * len(AUDIO)), "--log_samples", "--output_path", str(output), cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    cells = [line.split("|") for line in run.stdout.splitlines() if line.startswith("|modbias_synth_audio")]
    rows = {cell[4].strip(): float(cell[6]) for cell in cells}
    assert rows["acc_original"] == rows["cf_acc"] == 1.0
    assert rows["mg_no_audio"] == rows["mg_silence"] == rows["mg_noise_audio"] > 0
    assert {"audio_sensitivity_mismatch_audio", "acc_mismatch_audio", "invalid_rate_silence"} <= set(rows)
    assert not {"mg_no_image", "acc_blank", "mg_no_video"} & set(rows)  # only audio variants run
    records = read_records([output]).records
    assert sorted((r["pair_id"], r["variant"]) for r in records) == sorted(
        (r["pair_id"], variant) for r in records[:: len(AUDIO)] for variant in AUDIO
    )
    assert {r["category"] for r in records} == set(FAMILIES)
    report = modbias("report", str(output), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "## synth_audio" in report.stdout and "| acc_original | 1.000 |" in report.stdout
    assert "| audio_sensitivity_silence |" in report.stdout
