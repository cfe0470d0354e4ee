"""modbias_mmau: JSON choices, gold given as an option's text; end to end from a local copy whose
recordings are WAV files in an ``Audio`` column."""

import pytest

from mb_tasks.benchmarks.base import ItemError, adapter
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import adapter_items, docs, mmau_rows


def test_items_letter_the_gold_text_among_the_choices():
    items = adapter_items("mmau")
    assert [(item.pair_id, item.target, item.category) for item in items] == [
        ("mmau-0", "A", "sound"), ("mmau-1", "B", "music"),
        ("mmau-2", "C", "sound"), ("mmau-3", "B", "music"),
    ]  # fmt: skip
    assert items[1].options == ("a dog", "a bell", "rain", "speech")
    assert len({item.image_key for item in items}) == 4


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"answer": "thunder"}, "is not exactly one of the choices"),
        ({"choices": "low, high"}, "not a JSON list"),
    ],
)
def test_an_answer_outside_the_choices_is_named(change, problem):
    doc = docs(mmau_rows)[0] | change
    with pytest.raises(ItemError, match=f"item mmau-0: .*{problem}"):
        adapter("mmau").item(doc, 0)


def test_end_to_end_from_a_local_copy(media_runs):
    """Golds A, B, C, B; the blind model answers "A"."""
    check_counted_run(
        media_runs["mmau"],
        records=4 * 8,  # the eight audio variants (every one but counterfactual)
        metrics={"acc_original": 0.25, "acc_no_audio": 0.25, "mg_no_audio": 0.0, "mg_silence": 0.0,
                 "audio_sensitivity_noise_audio": 0.0, "hint_follow_rate": 1.0},
    )  # fmt: skip
