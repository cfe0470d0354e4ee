"""What each reference model answers, as pure functions of the prompt text and the visuals it got.

The prompt is all a model sees: the question and the lettered options are read back from it, the
scene from the image (by content hash), and a hint from any rendered hint template. A video question
(modbias_synth_video) is answered from the frames of the video it got, read in order; a still image
(``single_frame``) or a clip whose frames do not tell gives the answer the question's wording implies.
An audio question (modbias_synth_audio) is answered from the recording it got, heard in order; no
recording, silence or noise gives the answer the wording implies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from PIL import Image

from mb_tasks.benchmarks.synth.knowledge import CAPITALS, PRODUCE_COLOURS
from mb_tasks.benchmarks.synth.lookup import scene_for_image
from mb_tasks.benchmarks.synth.questions import answer, parse_question
from mb_tasks.benchmarks.synth_audio import hear_answer
from mb_tasks.benchmarks.synth_audio import parse_question as parse_audio_question
from mb_tasks.benchmarks.synth_audio import prior_answer as audio_prior
from mb_tasks.benchmarks.synth_video import parse_question as parse_video_question
from mb_tasks.benchmarks.synth_video import prior_answer as video_prior
from mb_tasks.benchmarks.synth_video import read_answer
from mb_tasks.benchmarks.synth_video.clip import SIZE as CLIP_SIZE
from mb_tasks.variants.clips import decode_clip
from mb_tasks.variants.hints import find_hinted_answer
from mb_tasks.variants.images import to_rgb
from mb_tasks.variants.visuals import Visual

#: The answer given when a model has nothing to go on: the first option, or "yes".
FIXED_MCQ_ANSWER, FIXED_YESNO_ANSWER = "A", "yes"

_OPTION_LINE = re.compile(r"^([A-Z])\. (.+)$", re.MULTILINE)


def prompt_options(prompt: str) -> dict[str, str]:
    """Option text -> letter, from the prompt's "A. red" lines (empty for a yes/no question)."""
    return {text.strip(): letter for letter, text in _OPTION_LINE.findall(prompt)}


def _as_answer(found: str | None, options: dict[str, str]) -> str:
    """``found`` as the model's answer (its option letter, or yes/no); the fixed answer when the
    question has no such option or nothing was found."""
    if options:
        return options.get(found or "", FIXED_MCQ_ANSWER)
    return found if found in ("yes", "no") else FIXED_YESNO_ANSWER


def video_frames(visuals: Sequence[Visual]) -> np.ndarray | None:
    """The frames a request shows: the first video file's, or, when there is none, two or more still
    images in order (how API wrappers such as lmms-eval's ``openai`` send a clip, resized and sampled:
    brought back to the clip size, nearest pixel); None otherwise (a single still, as
    ``single_frame``, tells no order)."""
    clip = next((visual for visual in visuals if isinstance(visual, str)), None)
    if clip is not None:
        return decode_clip(clip)
    stills = [
        np.asarray(to_rgb(visual).resize((CLIP_SIZE, CLIP_SIZE), Image.Resampling.NEAREST))
        for visual in visuals
        if isinstance(visual, Image.Image)
    ]
    return np.stack(stills) if len(stills) >= 2 else None


def video_oracle_answer(prompt: str, visuals: Sequence[Visual]) -> str | None:
    """For a video question: the answer the frames give it, read in order (hints ignored), or the
    prior answer without frames or when they do not tell; None for any other question."""
    query = parse_video_question(prompt)
    if query is None:
        return None
    options = prompt_options(prompt)
    frames = video_frames(visuals)
    found = read_answer(query, list(options), frames) if frames is not None else None
    return _as_answer(found if found is not None else video_prior(query), options)


def audio_oracle_answer(prompt: str, visuals: Sequence[Visual]) -> str | None:
    """For an audio question: the answer the first recording gives it, heard in order (hints
    ignored), or the prior answer without a recording or when it does not tell; None for any other
    question."""
    query = parse_audio_question(prompt)
    if query is None:
        return None
    options = prompt_options(prompt)
    heard = next((visual for visual in visuals if isinstance(visual, dict)), None)
    found = None
    if heard is not None:
        found = hear_answer(query, list(options), heard["array"], heard["sampling_rate"])
    return _as_answer(found if found is not None else audio_prior(query), options)


def oracle_answer(prompt: str, visuals: Sequence[Visual]) -> str:
    """The answer the first image's scene gives the prompt's question (hints ignored); the fixed
    answer without an image or for an image that is no synthetic scene (blank, noise); a video or
    audio question's answer from its video or recording (:func:`video_oracle_answer`,
    :func:`audio_oracle_answer`)."""
    from_media = video_oracle_answer(prompt, visuals)
    if from_media is None:
        from_media = audio_oracle_answer(prompt, visuals)
    if from_media is not None:
        return from_media
    query = parse_question(prompt)
    images = [visual for visual in visuals if isinstance(visual, Image.Image)]
    scene = scene_for_image(to_rgb(images[0])) if images else None
    found = answer(query, scene) if query is not None and scene is not None else None
    return _as_answer(found, prompt_options(prompt))


def prior_answer(prompt: str) -> str:
    """Common knowledge for the counterfactual-prior questions (a banana is yellow, the capital of
    France is Paris, a falling ball moves down, a rising siren rises), else the fixed answer."""
    query = parse_question(prompt)
    video_query, audio_query = parse_video_question(prompt), parse_audio_question(prompt)
    known = video_prior(video_query) if video_query is not None else None
    if audio_query is not None:
        known = audio_prior(audio_query)
    if query is not None and query["family"] == "prior_colour":
        known = PRODUCE_COLOURS.get(query["args"][0])
    elif query is not None and query["family"] == "prior_capital":
        known = CAPITALS.get(query["args"][0], (None,))[0]
    return _as_answer(known, prompt_options(prompt))


def blind_answer(prompt: str, visuals: Sequence[Visual]) -> str:
    """The hinted answer when the prompt has a hint, else the prior answer; never the image."""
    hinted = find_hinted_answer(prompt)
    return hinted if hinted is not None else prior_answer(prompt)


def text_follower_answer(prompt: str, visuals: Sequence[Visual]) -> str:
    """The hinted answer when the prompt has a hint, else the oracle's answer."""
    hinted = find_hinted_answer(prompt)
    return hinted if hinted is not None else oracle_answer(prompt, visuals)
