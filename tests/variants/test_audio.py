"""The audio variants: pure functions of a recording's samples, seeded where random."""

import numpy as np
import pytest

from mb_tasks.variants.audio import (
    SILENT_NOISE_RMS,
    audio_input,
    noise_audio,
    reversed_audio,
    rms,
    silence,
)


def _recording(count: int = 1600) -> np.ndarray:
    return (0.3 * np.sin(np.arange(count) * 0.05)).astype(np.float32)


def test_silence_is_zeros_as_long_as_the_recording():
    quiet = silence(_recording(1234))
    assert quiet.dtype == np.float32 and quiet.shape == (1234,) and not quiet.any()


def test_noise_is_as_long_and_as_loud_as_the_recording_and_seeded():
    samples = _recording()
    noise = noise_audio(samples, "bench", "item-1", 0)
    assert noise.dtype == np.float32 and noise.shape == samples.shape
    expected = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))
    assert rms(samples) == pytest.approx(expected)
    assert rms(noise) == pytest.approx(expected, rel=0.1)
    assert noise.tobytes() == noise_audio(samples, "bench", "item-1", 0).tobytes()
    assert noise.tobytes() != noise_audio(samples, "bench", "item-2", 0).tobytes()
    assert abs(float(np.corrcoef(noise, samples)[0, 1])) < 0.1


def test_a_silent_recording_gets_noise_at_the_fixed_level():
    assert rms(noise_audio(np.zeros(4000), "bench", "item", 0)) == pytest.approx(SILENT_NOISE_RMS, rel=0.1)


def test_reversed_audio_plays_backwards():
    samples = np.arange(10, dtype=np.float32)
    assert reversed_audio(samples).tolist() == list(range(9, -1, -1))


def test_lmms_eval_form_and_bad_recordings():
    given = audio_input(_recording(), 16000)
    assert set(given) == {"array", "sampling_rate", "type"} and given["sampling_rate"] == 16000
    assert given["type"] == "audio"
    for bad in (np.zeros((2, 3)), np.array([]), np.array([0.0, np.nan]), np.array(["a"])):
        with pytest.raises(ValueError, match="recording"):
            silence(bad)
