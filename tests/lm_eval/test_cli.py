"""lm-eval's real CLI with a tiny random Qwen2-VL checkpoint through ``hf-multimodal``, over every
variant of modbias_synth: records complete, invalid answers counted, ``modbias report`` reads the
logs, and the image/text split pairs across two runs."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mb_tasks.benchmarks.synth import load_items, prompt_text
from mb_tasks.records import VARIANTS
from tests.lm_eval.cli_run import check_results_table, lm_eval, modbias_report, record_of, results, samples

NO_IMAGE = ("no_image", "misleading_hint_no_image")
#: The first two synth items have a counterfactual, so 2 x 9 rows cover every variant.
ITEMS = 2


@pytest.fixture(scope="module")
def one_run(checkpoint: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("lm_eval_out")
    run = lm_eval(checkpoint, output, "modbias_synth", ITEMS * len(VARIANTS))
    assert run.returncode == 0, run.stderr[-4000:]
    return output, run.stdout


def test_every_variant_of_every_item_has_one_complete_record(one_run: tuple[Path, str]) -> None:
    logged = samples(one_run[0], "modbias_synth")
    records = [record_of(sample) for sample in logged]
    pair_ids = [item["id"] for item in load_items()[:ITEMS]]
    assert Counter((r["pair_id"], r["variant"]) for r in records) == Counter(
        (pair_id, variant) for pair_id in pair_ids for variant in VARIANTS
    )
    for sample, record in zip(logged, records, strict=True):
        assert all(sample[key] is record or sample[key] == record for key in sample["metrics"])
        assert {"response", "parsed", "score", "valid", "chance", "target", "answer_type"} <= set(record)
        assert record["response"] == sample["filtered_resps"][0]
        assert (record.get("blind_mode") == "gray_image") == (record["variant"] in NO_IMAGE)


def test_requests_carry_the_lmms_eval_prompt_and_one_image_each(one_run: tuple[Path, str]) -> None:
    items = {item["id"]: item for item in load_items()[:ITEMS]}
    for sample in samples(one_run[0], "modbias_synth"):
        prompt, _, images = sample["arguments"]["gen_args_0"].values()
        assert len(images["visual"]) == 1 and prompt.startswith("<image>") and prompt.count("<image>") == 1
        if sample["doc"]["variant"] == "original":
            item = items[sample["doc"]["pair_id"]]
            assert prompt == "<image>" + prompt_text(item["question"], item["options"])
        if sample["doc"]["hint_text"]:
            assert prompt.startswith(f"<image>{sample['doc']['hint_text']}\n")


def test_invalid_answers_are_counted_in_the_results_table(one_run: tuple[Path, str]) -> None:
    output, stdout = one_run
    invalid = check_results_table(output, stdout, "modbias_synth", VARIANTS, ITEMS)
    assert invalid > 0  # a random model's answers are mostly unparseable: the count must show it


def test_modbias_report_reads_lm_eval_logs(one_run: tuple[Path, str], tmp_path: Path) -> None:
    output, _ = one_run
    report_json = tmp_path / "report.json"
    run = modbias_report(str(output), "--resamples", "50", "--json", str(report_json))
    assert run.returncode == 0, run.stderr
    synth = json.loads(report_json.read_text())["benchmarks"]["synth"]
    table = results(output)["modbias_synth"]
    for variant in VARIANTS:
        assert synth[f"invalid_rate_{variant}"]["n"] == ITEMS
        assert synth[f"invalid_rate_{variant}"]["value"] == pytest.approx(
            table[f"invalid_rate_{variant},none"]
        )


def test_image_and_text_runs_pair_by_item_in_the_report(checkpoint: Path, tmp_path: Path) -> None:
    image_run = lm_eval(checkpoint, tmp_path / "image", "modbias_synth_image", ITEMS * 7)
    text_run = lm_eval(checkpoint, tmp_path / "text", "modbias_synth_text", ITEMS * 2)
    assert image_run.returncode == 0, image_run.stderr[-4000:]
    assert text_run.returncode == 0, text_run.stderr[-4000:]
    text_samples = samples(tmp_path / "text", "modbias_synth_text")
    assert {record_of(s)["variant"] for s in text_samples} == set(NO_IMAGE)
    for sample in text_samples:
        assert len(sample["arguments"]["gen_args_0"]) == 2  # no image argument at all: text only
        assert "<image>" not in sample["arguments"]["gen_args_0"]["arg_0"]
        assert record_of(sample)["blind_mode"] == "text_only"
    report_json = tmp_path / "report.json"
    run = modbias_report(
        str(tmp_path / "image"), str(tmp_path / "text"), "--resamples", "0", "--json", str(report_json)
    )
    assert run.returncode == 0, run.stderr
    synth = json.loads(report_json.read_text())["benchmarks"]["synth"]
    assert synth["mg_no_image"]["n"] == ITEMS
    assert synth["acc_misleading_hint_no_image"]["n"] == ITEMS


@pytest.fixture(scope="module")
def llava_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.lmms.tiny_models import build_llava  # torch: imported when a test needs it

    return build_llava(tmp_path_factory.mktemp("llava"))


def test_llava_checkpoint_answers_every_variant(llava_checkpoint: Path, tmp_path: Path) -> None:
    run = lm_eval(llava_checkpoint, tmp_path, "modbias_synth", len(VARIANTS))
    assert run.returncode == 0, run.stderr[-4000:]
    records = [record_of(sample) for sample in samples(tmp_path, "modbias_synth")]
    assert sorted(r["variant"] for r in records) == sorted(VARIANTS)
    assert results(tmp_path)["modbias_synth"]["invalid_rate_original,none"] == (not records[0]["valid"])


@pytest.mark.parametrize("model", ["qwen2_vl", "llava"])
def test_hf_multimodal_cannot_answer_text_only_rows_in_an_image_run(
    model: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Why the no-image variants see a gray image in one run (see mb_tasks/lm_eval/__init__.py)."""
    checkpoint = request.getfixturevalue("checkpoint" if model == "qwen2_vl" else "llava_checkpoint")
    run = lm_eval(
        checkpoint,
        tmp_path,
        "modbias_synth",
        len(VARIANTS),
        "--metadata",
        '{"modbias_no_image": "text_only"}',
    )
    assert run.returncode != 0
    assert "IndexError" in run.stderr
