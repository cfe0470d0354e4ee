"""modbias_synth_video through the real lmms-eval CLI (``modbias run``, one short run), then
``modbias report`` on its output: every video variant comes back as a record, and the bias table and
the report show the video metrics."""

from pathlib import Path

from mb_tasks.benchmarks.synth_video import FAMILIES
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.report import read_records
from mb_tasks.variants.clips import CLIP_CACHE_ENV

VIDEO = MODALITY_VARIANTS["video"]
ITEMS = 5  # one item of every family


def test_run_prints_the_video_bias_table_and_report_reads_every_variant(tmp_path: Path, modbias) -> None:
    output, clips = tmp_path / "out", tmp_path / "clips"
    limit = str(ITEMS * len(VIDEO))
    run = modbias(
        "run", "--model", "modbias_oracle", "--tasks", "modbias_synth_video", "--limit", limit,
        "--log_samples", "--output_path", str(output), env={CLIP_CACHE_ENV: str(clips)}, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    cells = [line.split("|") for line in run.stdout.splitlines() if line.startswith("|modbias_synth_video")]
    rows = {cell[4].strip(): float(cell[6]) for cell in cells}
    assert rows["acc_original"] == rows["cf_acc"] == rows["order_sensitivity_reversed_frames"] == 1.0
    assert rows["acc_reversed_frames"] == 0.0 and rows["tg_single_frame"] > 0
    assert {
        "mg_no_video",
        "tg_frozen_video",
        "order_sensitivity_shuffled_frames",
        "acc_mismatch_video",
    } <= set(rows)
    assert not {"mg_no_image", "acc_blank"} & set(rows)  # image variants do not run on a video task
    records = read_records([output]).records
    assert sorted((r["pair_id"], r["variant"]) for r in records) == sorted(
        (r["pair_id"], variant) for r in records[:: len(VIDEO)] for variant in VIDEO
    )
    assert {r["category"] for r in records} == set(FAMILIES)
    assert any(clips.glob("*.mp4"))  # the clips went to the cache the environment chose
    report = modbias("report", str(output), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "## synth_video" in report.stdout and "| acc_original | 1.000 |" in report.stdout
    assert (
        "| tg_single_frame |" in report.stdout
        and "| order_sensitivity_reversed_frames | 1.000 |" in report.stdout
    )
