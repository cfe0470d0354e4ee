"""modbias_mmstar under lm-eval's real CLI (``hf-multimodal``, tiny random Qwen2-VL) from a local copy
with MMStar's real fields: a record per (item, variant), the lmms-eval task's prompt, invalid answers
counted in lm-eval's table and in ``modbias report``, and a clear error for a missing copy."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mb_tasks.benchmarks.base import adapter
from mb_tasks.lm_eval.sources import lmms_task_split
from tests.bad_inputs.bad_mmstar import bad_rows, good_rows, save_mmstar
from tests.benchmarks.local_data import mmstar_rows
from tests.lm_eval.cli_run import check_results_table, lm_eval, modbias_report, record_of, results, samples

#: MMStar has no native counterfactuals: every other variant.
MMSTAR_VARIANTS = adapter("mmstar").default_variants
ITEMS = 2
#: lmms-eval's mmstar task prompt (its ``default`` lmms_eval_specific_kwargs).
POST_PROMPT = "\nAnswer with the option's letter from the given choices directly"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MMStar's rows after one without options (row 0, item 111), which the expansion skips."""
    return save_mmstar(tmp_path_factory.mktemp("data"), bad_rows(("missing_options",)) + good_rows())


@pytest.fixture(scope="module")
def mmstar_run(
    checkpoint: Path, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    output = tmp_path_factory.mktemp("lm_eval_mmstar")
    metadata = json.dumps({"modbias_data_dir": str(data_dir)})
    run = lm_eval(checkpoint, output, "modbias_mmstar", ITEMS * len(MMSTAR_VARIANTS), "--metadata", metadata)
    assert run.returncode == 0, run.stderr[-4000:]
    return output, run.stdout


def test_every_variant_of_every_item_has_one_complete_record(mmstar_run: tuple[Path, str]) -> None:
    rows, _ = mmstar_rows()
    golds = dict(zip(map(str, rows["index"]), rows["answer"], strict=True))
    logged = samples(mmstar_run[0], "modbias_mmstar")
    records = [record_of(sample) for sample in logged]
    assert len(MMSTAR_VARIANTS) == 8 and "counterfactual" not in MMSTAR_VARIANTS
    assert Counter((r["pair_id"], r["variant"]) for r in records) == Counter(
        (str(index), variant) for index in rows["index"][:ITEMS] for variant in MMSTAR_VARIANTS
    )
    for sample, record in zip(logged, records, strict=True):
        assert record["benchmark"] == "mmstar" and record["answer_type"] == "mcq"
        assert record["target"] == golds[record["pair_id"]]
        assert record["response"] == sample["filtered_resps"][0]
        assert {"parsed", "score", "valid", "chance"} <= set(record)
        assert record["item_variants"] == len(MMSTAR_VARIANTS)


def test_the_first_record_names_the_skipped_row(mmstar_run: tuple[Path, str]) -> None:
    records = [record_of(sample) for sample in samples(mmstar_run[0], "modbias_mmstar")]
    assert records[0]["expansion_problems"] == [
        {
            "item": "111",
            "row": 0,
            "message": "mmstar: row 0: item 111: no options in the question; item skipped",
        }
    ]
    assert not any("expansion_problems" in record for record in records[1:])


def test_requests_are_the_lmms_eval_mmstar_prompt_with_one_image(mmstar_run: tuple[Path, str]) -> None:
    rows, _ = mmstar_rows()
    questions = dict(zip(map(str, rows["index"]), rows["question"], strict=True))
    for sample in samples(mmstar_run[0], "modbias_mmstar"):
        prompt, _, images = sample["arguments"]["gen_args_0"].values()
        assert len(images["visual"]) == 1
        base_prompt = questions[sample["doc"]["pair_id"]].strip() + POST_PROMPT
        hint = sample["doc"]["hint_text"]
        assert prompt == "<image>" + (f"{hint}\n" if hint else "") + base_prompt


def test_invalid_answers_are_counted_in_the_table_and_the_report(
    mmstar_run: tuple[Path, str], tmp_path: Path
) -> None:
    output, stdout = mmstar_run
    invalid = check_results_table(output, stdout, "modbias_mmstar", MMSTAR_VARIANTS, ITEMS)
    assert invalid > 0  # a random model's answers are mostly unparseable: the count must show it
    table = results(output)["modbias_mmstar"]
    report_json = tmp_path / "report.json"
    report = modbias_report(str(output), "--resamples", "0", "--json", str(report_json))
    assert report.returncode == 0, report.stderr
    reported = json.loads(report_json.read_text())["benchmarks"]["mmstar"]
    for variant in MMSTAR_VARIANTS:
        assert reported[f"invalid_rate_{variant}"]["n"] == ITEMS
        assert reported[f"invalid_rate_{variant}"]["value"] == pytest.approx(
            table[f"invalid_rate_{variant},none"]
        )
    assert reported["mg_no_image"]["value"] == pytest.approx(table["mg_no_image,none"])


def test_a_missing_local_copy_names_the_benchmark_the_path_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=rf"modbias_mmstar: the local copy of mmstar .* at {tmp_path}/mmstar "
                       r"is missing; make it with: .*save_to_disk"):  # fmt: skip
        lmms_task_split({"benchmark": "mmstar"}, modbias_data_dir=str(tmp_path))
