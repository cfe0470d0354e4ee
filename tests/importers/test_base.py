"""Provenance, response shortening and source scoring, shared by every importer."""

from __future__ import annotations

from pathlib import Path

from mb_tasks.importers.base import (
    ImportRequest,
    Provenance,
    conditions,
    extracted_answer,
    source_scored,
    with_response,
)


def test_provenance_leaves_out_what_is_unknown_and_prefers_the_requested_model():
    request = ImportRequest(paths=(), model="GPT-4V", commit="abc")
    assert Provenance.of("x", request, "file-name").source("a/b.json", 3) == {
        "format": "x",
        "commit": "abc",
        "model": "GPT-4V",
        "file": "a/b.json",
        "row": 3,
    }
    assert Provenance.of("x", ImportRequest(paths=()), "file-name").model == "file-name"


def test_long_responses_keep_their_end_and_say_how_long_they_were():
    record = with_response({}, "x" * 10 + "The answer is B.", 16)
    assert record == {"response": "…The answer is B.", "response_chars": 26}
    assert with_response({}, "short", 16) == {"response": "short"}
    assert with_response({}, "x" * 50, 0) == {"response": "x" * 50}


def test_the_source_judgement_scores_and_only_a_missing_answer_is_invalid():
    mcq = {"answer_type": "mcq", "options": ["a", "b", "c", "d"]}
    assert source_scored(dict(mcq), 0.0, "B") == {
        **mcq,
        "parsed": "B",
        "score": 0.0,
        "valid": True,
        "invalid_reason": None,
        "chance": 0.25,
        "scored_by": "source",
    }
    missing = source_scored({"answer_type": "open"}, 0.0, None, "no answer extracted (source)")
    assert (missing["valid"], missing["invalid_reason"], missing["chance"]) == (
        False,
        "no answer extracted (source)",
        0,
    )
    assert source_scored({"answer_type": "open"}, 1.0, None)["valid"] is True  # the source found it right


def test_extracted_answers_are_missing_when_empty_or_refused_and_files_carry_their_variant():
    assert extracted_answer(" 12 ", "It is 12.") == ("12", "")
    assert extracted_answer("None", "?")[0] is None and extracted_answer(None, "?")[0] is None
    assert extracted_answer("a", "I cannot see the image.") == (None, "refused")
    request = ImportRequest(paths=(Path("a"),), without_image=(Path("b"),), variant="blank")
    assert conditions(request) == [(Path("a"), "blank"), (Path("b"), "no_image")]
