"""modbias_synth_audio: generated recordings of tones whose questions only the sounds, in order, answer."""

from mb_tasks.benchmarks.synth_audio.adapter import SynthAudioAdapter
from mb_tasks.benchmarks.synth_audio.hearing import hear_answer
from mb_tasks.benchmarks.synth_audio.questions import FAMILIES, PRIOR_FAMILIES, parse_question, prior_answer
from mb_tasks.benchmarks.synth_audio.sound import RATE, render_recording

__all__ = [
    "FAMILIES",
    "PRIOR_FAMILIES",
    "RATE",
    "SynthAudioAdapter",
    "hear_answer",
    "parse_question",
    "prior_answer",
    "render_recording",
]
