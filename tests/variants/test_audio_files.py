"""Recordings read from audio files: float32 samples with the channels averaged, at the file's rate."""

import io
import wave

import numpy as np
import pytest

from mb_tasks.variants.audio_files import decode_recording


def _wav(channels: np.ndarray, rate: int) -> bytes:
    """A 16-bit WAV file of ``channels`` (samples x channels, int16)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as file:
        file.setnchannels(channels.shape[1])
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(channels.astype("<i2").tobytes())
    return buffer.getvalue()


def test_a_stereo_file_is_averaged_to_float32_at_its_own_rate(tmp_path):
    left = (np.arange(800) * 37 % 2000 - 1000).astype(np.int16)
    data = _wav(np.stack([left, left // 2], axis=1), 22_050)
    expected = (left / 32768 + (left // 2) / 32768) / 2
    for source in (data, {"bytes": data, "path": "x.wav"}, {"bytes": None, "path": str(tmp_path / "x.wav")}):
        (tmp_path / "x.wav").write_bytes(data)
        samples, rate = decode_recording(source)
        assert rate == 22_050 and samples.dtype == np.float32
        assert np.allclose(samples, expected, atol=1e-7)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        (b"not audio", "audio bytes: not a readable audio file"),
        ({"bytes": None, "path": None}, "no audio file"),
    ],
)
def test_a_file_without_audio_is_named(source, problem):
    with pytest.raises(ValueError, match=problem):
        decode_recording(source)
