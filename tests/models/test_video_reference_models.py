"""The reference models on modbias_synth_video: their answers, and so their video metrics, follow
from their definitions. Requests are the task's real rows (doc_to_text / doc_to_visual: clip files,
a still, or nothing), answered by the models lmms-eval's registry resolves, on both request paths;
the numbers are the engine's, the expected values computed here from the items alone."""

import datasets
import pytest
from PIL import Image

from mb_tasks.benchmarks.synth.items import load_items
from mb_tasks.lmms import doc_to_text, doc_to_visual
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.task import expand_for
from mb_tasks.records import MODALITY_VARIANTS
from mb_tasks.task_folders import SYNTH_VIDEO_ITEMS
from mb_tasks.variants.clips import CLIP_CACHE_ENV
from tests.models.answering import answers, metrics_of, wording_accuracy

ITEMS = load_items(SYNTH_VIDEO_ITEMS)[:40]  # 8 of every family, golds balanced over the letters
PRIOR_GOLD = {"prior_fall": "down", "prior_rise": "up"}
TASK = "modbias_synth_video"


@pytest.fixture(scope="module")
def requests(tmp_path_factory):
    """(row, prompt, visuals) of every row of the items under every video variant."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CLIP_CACHE_ENV, str(tmp_path_factory.mktemp("clips")))
        settings = TaskSettings("synth_video", MODALITY_VARIANTS["video"])
        rows = expand_for(datasets.Dataset.from_list(ITEMS), settings)
        yield [(row, doc_to_text(row), doc_to_visual(row)) for row in rows]


def _answers(model_name, requests, simple=True):
    return answers(model_name, TASK, requests, simple)


def _metrics(model_name, requests):
    return metrics_of(model_name, TASK, requests)


def _prior_accuracy():
    return wording_accuracy(ITEMS, PRIOR_GOLD)


def test_the_oracle_reads_the_frames_in_order(requests):
    metrics = _metrics("modbias_oracle", requests)
    prior = _prior_accuracy()
    assert 0 < prior < 1
    assert metrics["acc_original"] == metrics["cf_acc"] == metrics["pair_acc"] == 1.0
    assert metrics["acc_reversed_frames"] == 0.0 and metrics["order_sensitivity_reversed_frames"] == 1.0
    assert metrics["acc_single_frame"] == metrics["acc_no_video"] == pytest.approx(prior)
    assert metrics["tg_single_frame"] == metrics["mg_no_video"] == pytest.approx(1 - prior)
    assert metrics["tg_frozen_video"] > 0 and metrics["order_sensitivity_shuffled_frames"] > 0.5
    assert metrics["hint_follow_rate"] == 0.0 and metrics["prior_follow_rate"] == 0.0


def test_the_blind_model_answers_the_same_whatever_the_video(requests):
    metrics = _metrics("modbias_blind", requests)
    assert metrics["acc_original"] == pytest.approx(_prior_accuracy())
    for name in ("mg_no_video", "tg_single_frame", "tg_frozen_video"):
        assert metrics[name] == 0.0, name
    assert metrics["order_sensitivity_shuffled_frames"] == metrics["order_sensitivity_reversed_frames"] == 0.0
    assert metrics["hint_follow_rate"] == 1.0


def test_the_text_follower_follows_hints_else_reads_the_frames(requests):
    metrics = _metrics("modbias_text_follower", requests)
    assert metrics["hint_follow_rate"] == 1.0 and metrics["acc_misleading_hint"] == 0.0
    assert metrics["acc_original"] == metrics["cf_acc"] == 1.0
    assert metrics["tg_single_frame"] == pytest.approx(1 - _prior_accuracy())


def test_the_chat_path_hands_the_oracle_the_same_videos(requests):
    sample = requests[: 3 * len(MODALITY_VARIANTS["video"])]
    assert _answers("modbias_oracle", sample, simple=False) == _answers("modbias_oracle", sample)


def test_the_oracle_reads_a_clip_sent_as_resized_stills_as_it_reads_the_file(requests):
    """API wrappers (lmms-eval's openai) send a clip as its frames, resized: the oracle answers those as
    it answers the clip file; a single still tells no order (the prior)."""
    from mb_tasks.models.policies import oracle_answer
    from mb_tasks.variants.clips import decode_clip

    originals = [(text, visuals) for row, text, visuals in requests if row["variant"] == "original"]
    for text, [clip] in originals:
        stills = [
            Image.fromarray(frame).resize((336, 336), Image.Resampling.BICUBIC) for frame in decode_clip(clip)
        ]
        assert oracle_answer(text, stills) == oracle_answer(text, [clip]), text
    assert oracle_answer(originals[0][0], stills[:1]) == oracle_answer(originals[0][0], [])
