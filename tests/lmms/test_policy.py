"""The no_image policy a benchmark's requests were built with reaches its records."""

from __future__ import annotations

import pytest

from mb_tasks.lmms.policy import applied_policy, recorded_policy
from mb_tasks.lmms.settings import GRAY_IMAGE, TEXT_ONLY


def test_the_record_says_the_policy_the_requests_last_applied() -> None:
    row = {"benchmark": "synth"}
    assert recorded_policy(row) == TEXT_ONLY  # no request built: no kwargs were passed
    assert applied_policy(row, {"modbias_no_image": GRAY_IMAGE}) == GRAY_IMAGE
    assert recorded_policy(row) == GRAY_IMAGE
    assert recorded_policy({"benchmark": "another_probe"}) == TEXT_ONLY  # per benchmark
    assert applied_policy(row, {"pre_prompt": ""}) == TEXT_ONLY  # the next model's run
    assert recorded_policy(row) == TEXT_ONLY


def test_an_audio_benchmark_is_always_text_only() -> None:
    """A gray image cannot stand in for a recording: an audio task's text-only variants are text only
    under any model's kwargs, and their records say so."""
    row = {"benchmark": "synth_audio"}
    assert applied_policy(row, {"modbias_no_image": GRAY_IMAGE}) == TEXT_ONLY
    assert recorded_policy(row) == TEXT_ONLY


def test_a_bad_policy_fails_when_the_request_is_built() -> None:
    with pytest.raises(ValueError, match="modbias_no_image: 'grey' is not one of"):
        applied_policy({"benchmark": "synth"}, {"modbias_no_image": "grey"})
