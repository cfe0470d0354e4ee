"""modbias_synth_video: procedurally generated clips whose questions only the frames, in order, answer."""

from mb_tasks.benchmarks.synth_video.adapter import SynthVideoAdapter
from mb_tasks.benchmarks.synth_video.clip import render_clip
from mb_tasks.benchmarks.synth_video.questions import FAMILIES, PRIOR_FAMILIES, parse_question, prior_answer
from mb_tasks.benchmarks.synth_video.reading import read_answer

__all__ = [
    "FAMILIES",
    "PRIOR_FAMILIES",
    "SynthVideoAdapter",
    "parse_question",
    "prior_answer",
    "read_answer",
    "render_clip",
]
