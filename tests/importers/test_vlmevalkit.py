"""VLMEvalKit prediction files (an .xlsx with the image, a .tsv without) become one paired benchmark,
scored by the report with modbias's own parser."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mb_tasks.importers import ImportRequest, import_records
from mb_tasks.metrics import compute_report

WITH_IMAGE = ["B", "The answer is (B).", "dog", "A"]
WITHOUT_IMAGE = ["A", "C", "", "A"]


def predictions(predicted: list[str]) -> pd.DataFrame:
    rows = [
        {"index": n, "question": f"Which animal {n}?", "A": "cat", "B": "dog", "C": "bird", "D": "",
         "answer": "B" if n < 3 else "A", "prediction": prediction, "category": "coarse perception",
         "l2-category": "image emotion"}
        for n, prediction in enumerate(predicted)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_a_with_and_a_without_image_file_pair_on_the_index(tmp_path: Path):
    with_image, without_image = tmp_path / "GPT4o_MMStar.xlsx", tmp_path / "no_image.tsv"
    predictions(WITH_IMAGE).to_excel(with_image, index=False)
    predictions(WITHOUT_IMAGE).to_csv(without_image, sep="\t", index=False)
    request = ImportRequest(paths=(with_image,), without_image=(without_image,), model="GPT4o")
    result = import_records("vlmevalkit", request)
    assert result.problems == []
    first = result.records[0]
    assert (first["benchmark"], first["pair_id"], first["variant"]) == ("mmstar", "0", "original")
    assert first["options"] == ["cat", "dog", "bird"] and first["answer_type"] == "mcq"
    assert first["source"] == {"format": "vlmevalkit", "model": "GPT4o", "file": str(with_image), "row": 2}
    results = compute_report(result.records, resamples=0)["benchmarks"]["mmstar"]
    # Independent count: with the image all four right; without it only item 3 (item 2 is empty).
    assert results["acc_original"]["value"] == 1.0 and results["acc_no_image"]["value"] == 0.25
    assert results["mg_no_image"]["value"] == 0.75 and results["invalid_rate_no_image"]["value"] == 0.25


def test_a_file_without_predictions_and_rows_without_index_are_named(tmp_path: Path):
    frame = predictions(WITH_IMAGE).astype({"index": str})
    frame.loc[1, "index"] = ""
    good, bad = tmp_path / "M_POPE.tsv", tmp_path / "M_POPE_text.tsv"
    frame.to_csv(good, sep="\t", index=False)
    frame.drop(columns=["prediction"]).to_csv(bad, sep="\t", index=False)
    result = import_records("vlmevalkit", ImportRequest(paths=(good,), without_image=(bad,), model="M"))
    assert [r["pair_id"] for r in result.records] == ["0", "2", "3"]
    assert {r["benchmark"] for r in result.records} == {"pope"}
    assert result.problems == [
        f"{good}:row 3: no index or no answer; skipped",
        f"{bad}: no column prediction; not a VLMEvalKit prediction file",
    ]
