"""Each variant's request (doc_to_visual / doc_to_text) on real rows, and bad images."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from mb_tasks.benchmarks.base import adapter
from mb_tasks.lmms import doc_to_target, doc_to_text, doc_to_visual, process_results
from mb_tasks.lmms.aggregation import aggregation_for
from mb_tasks.lmms.settings import GRAY_IMAGE, TaskSettings
from mb_tasks.lmms.task import expand_for
from mb_tasks.records import VARIANTS
from mb_tasks.variants import noise_like
from tests.lmms import toy

ALL_BUT_CF = tuple(v for v in VARIANTS if v != "counterfactual")
KWARGS = {"pre_prompt": "", "post_prompt": "Answer with the letter."}
GRAY_KWARGS = KWARGS | {"modbias_no_image": GRAY_IMAGE}


def rows_of(docs, variants=ALL_BUT_CF):
    return expand_for(toy.dataset(docs), TaskSettings("toy", variants, seed=0))


def by_variant(rows, pair_id="toy-000"):
    return {row["variant"]: row for row in rows if row["pair_id"] == pair_id}


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image)


def test_original_request_is_the_base_request() -> None:
    docs = toy.docs(4)
    row = by_variant(rows_of(docs))["original"]
    assert doc_to_text(row, KWARGS) == adapter("toy").base_text(docs[0], KWARGS)
    [image] = doc_to_visual(row)
    assert image.mode == "RGB" and image.size == (32, 24)
    assert (pixels(image) == toy.RGB["red"]).all()


def test_text_variants() -> None:
    rows = by_variant(rows_of(toy.docs(4)))
    base = doc_to_text(rows["original"], KWARGS)
    assert doc_to_text(rows["no_image"], KWARGS) == base.replace("<image>", "").strip()
    for variant in ("blank", "noise", "mismatch"):
        assert doc_to_text(rows[variant], KWARGS) == base
    assert doc_to_text(rows["misleading_hint"], KWARGS) == f"{rows['misleading_hint']['hint_text']}\n{base}"
    assert doc_to_text(rows["consistent_hint"], KWARGS) == f"{rows['consistent_hint']['hint_text']}\n{base}"
    blind_hint = doc_to_text(rows["misleading_hint_no_image"], KWARGS)
    assert (
        blind_hint
        == f"{rows['misleading_hint_no_image']['hint_text']}\n{base.replace('<image>', '').strip()}"
    )


def test_image_variants() -> None:
    docs = toy.docs(4)
    rows = by_variant(rows_of(docs))
    assert doc_to_visual(rows["no_image"]) == [] and doc_to_visual(rows["misleading_hint_no_image"]) == []
    [blank] = doc_to_visual(rows["blank"])
    assert blank.size == (32, 24) and (pixels(blank) == 128).all()
    [noise] = doc_to_visual(rows["noise"])
    [noise_again] = doc_to_visual(rows["noise"])
    assert noise.size == (32, 24) and noise.tobytes() == noise_again.tobytes()
    assert pixels(noise).std() > 30
    [mismatch] = doc_to_visual(rows["mismatch"])
    donor = docs[rows["mismatch"]["donor_index"]]
    assert mismatch.tobytes() == Image.open(io.BytesIO(donor["image"]["bytes"])).convert("RGB").tobytes()
    for variant in ("misleading_hint", "consistent_hint"):
        [hinted] = doc_to_visual(rows[variant])
        assert hinted.tobytes() == doc_to_visual(rows["original"])[0].tobytes()


def test_noise_differs_between_items() -> None:
    rows = rows_of(toy.docs(2))
    first, second = (doc_to_visual(by_variant(rows, f"toy-00{i}")["noise"])[0] for i in range(2))
    assert first.crop((0, 0, 32, 24)).tobytes() != second.crop((0, 0, 32, 24)).tobytes()
    assert noise_like(first, "x").size == first.size


def test_the_models_gray_image_policy_sends_gray_and_keeps_the_prompt() -> None:
    """The same rows serve every model: the kwargs lmms-eval resolves for the model choose the policy,
    and the record says which its request used."""
    rows = by_variant(rows_of(toy.docs(3)))
    [gray] = doc_to_visual(rows["no_image"], GRAY_KWARGS)
    assert gray.size == (32, 24) and (pixels(gray) == 128).all()
    assert doc_to_text(rows["no_image"], GRAY_KWARGS) == doc_to_text(rows["original"], GRAY_KWARGS)
    assert process_results(rows["no_image"], ["A"])["record"]["blind_mode"] == GRAY_IMAGE
    assert doc_to_visual(rows["no_image"], KWARGS) == []
    assert process_results(rows["no_image"], ["A"])["record"]["blind_mode"] == "text_only"


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "I;16", "1", "CMYK"])
def test_every_image_mode_becomes_rgb(mode: str) -> None:
    docs = toy.docs(3)
    docs[0]["image"] = {
        "bytes": toy.png(toy.colour_image("red", mode=mode)) if mode != "CMYK" else _jpeg_cmyk()
    }
    rows = by_variant(rows_of(docs))
    for variant in ("original", "blank", "noise", "mismatch", "misleading_hint"):
        [image] = doc_to_visual(rows[variant])
        assert image.mode == "RGB"
        if variant != "mismatch":
            assert image.size == (32, 24)


def _jpeg_cmyk() -> bytes:
    buffer = io.BytesIO()
    toy.colour_image("red").convert("CMYK").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_one_pixel_image() -> None:
    docs = toy.docs(3)
    docs[0]["image"] = {"bytes": toy.png(Image.new("RGB", (1, 1), toy.RGB["red"])), "path": None}
    rows = by_variant(rows_of(docs))
    for variant in ("original", "blank", "noise"):
        [image] = doc_to_visual(rows[variant])
        assert image.size == (1, 1)


def test_sixteen_bit_greyscale_is_scaled_not_clipped() -> None:
    docs = toy.docs(3)
    docs[0]["image"] = {"bytes": toy.png(toy.colour_image("red", mode="I;16")), "path": None}
    [image] = doc_to_visual(by_variant(rows_of(docs))["original"])
    expected_gray = round(np.mean(Image.new("RGB", (1, 1), toy.RGB["red"]).convert("L").getpixel((0, 0))))
    assert abs(int(pixels(image)[0, 0, 0]) - expected_gray) <= 1


def test_image_failing_late_marks_the_item_skipped_and_metrics_leave_it_out(tmp_path) -> None:
    """An image that passed the expansion check but cannot be read when requested (here: its file
    is gone) is reported by item, and the item's records are marked skipped."""
    docs = toy.docs(4)
    image_file = tmp_path / "toy-001.png"
    image_file.write_bytes(toy.png(toy.colour_image("green")))
    docs[1]["image"] = {"bytes": None, "path": str(image_file)}
    rows = rows_of(docs, variants=("original", "no_image"))
    image_file.unlink()
    records = []
    for row in rows:
        assert isinstance(doc_to_visual(row), list)  # never raises
        records.append(process_results(row, ["A"])["record"])
    skipped = {record["pair_id"] for record in records if record.get("skipped")}
    assert skipped == {"toy-001"}
    assert "toy-001" in next(record["skipped"] for record in records if record.get("skipped"))
    # acc_original over the three good items only: toy-000 is red (gold A), the others are not.
    assert aggregation_for("acc_original")(records) == pytest.approx(1 / 3)


def test_requests_of_a_hand_made_row_need_no_expansion(tmp_path) -> None:
    """Every request hook is a function of its row (and the model's kwargs): a row typed out by hand,
    over a split saved to disk, with no process_docs anywhere, gives the base request and its variants."""
    docs = toy.docs(4)
    files = toy.saved_split(tmp_path / "split", docs)
    original = toy.hand_row(files, 2, "original")
    assert doc_to_text(original, KWARGS) == adapter("toy").base_text(docs[2], KWARGS)
    [image] = doc_to_visual(original, KWARGS)
    assert (pixels(image) == toy.RGB["blue"]).all()
    no_image = toy.hand_row(files, 2, "no_image")
    assert doc_to_visual(no_image, KWARGS) == []
    assert doc_to_text(no_image, KWARGS) == doc_to_text(original, KWARGS).replace("<image>", "").strip()
    [gray] = doc_to_visual(no_image, GRAY_KWARGS)
    assert gray.size == image.size and (pixels(gray) == 128).all()
    mismatch = toy.hand_row(files, 2, "mismatch", donor_index=1, donor_id="toy-001")
    [donor] = doc_to_visual(mismatch, KWARGS)
    assert (pixels(donor) == toy.RGB["green"]).all()
    hinted = toy.hand_row(files, 2, "misleading_hint", hint_answer="A", hint_template=0, hint_text="Hint: A.")
    assert doc_to_text(hinted, KWARGS) == f"Hint: A.\n{doc_to_text(original, KWARGS)}"


def test_the_target_of_a_hand_made_row_is_its_gold_or_counterfactual_gold(tmp_path) -> None:
    files = toy.saved_split(tmp_path / "split", toy.docs(2))
    assert doc_to_target(toy.hand_row(files, 1, "original")) == "B"
    counterfactual = toy.hand_row(files, 1, "counterfactual", cf_target='"D"', cf_index=0)
    assert doc_to_target(counterfactual) == "D"
    [image] = doc_to_visual(counterfactual)  # the counterfactual is row 0's image
    assert (pixels(image) == toy.RGB["red"]).all()
