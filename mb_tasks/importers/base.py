"""What every importer shares: the request it answers, its result, provenance and source scoring.

An importer turns another tool's or paper's per-item output into modbias records (DESIGN.md's
schema). Each record keeps where it came from in ``source`` (format, repository, commit, file, row,
model). A record either comes without ``parsed``/``score``/``valid`` (``modbias report`` then parses
and scores it with the tasks' own functions) or carries the source's own correctness judgement
(a human or judge label), with ``scored_by: "source"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mb_tasks.parsing import chance_level, is_refusal
from mb_tasks.records import Record

#: Raw responses longer than this are cut to their last characters (where answers usually are).
MAX_RESPONSE_CHARS = 400
TRUNCATION_MARK = "…"


@dataclass(frozen=True)
class ImportRequest:
    """One ``modbias import`` call: the files, and the options the formats read (each uses some).

    ``paths`` hold the item's original condition (the image shown); ``without_image`` the same items
    answered without it. ``column_map`` maps record fields to the source's columns (generic format),
    ``variant_values`` the source's condition names to variants.
    """

    paths: tuple[Path, ...]
    without_image: tuple[Path, ...] = ()
    model: str | None = None
    repo: str | None = None
    commit: str | None = None
    benchmark: str | None = None
    variant: str = "original"
    answer_type: str | None = None
    choices: str = "ABCD"
    data: Path | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)
    variant_values: Mapping[str, str] = field(default_factory=dict)
    max_response_chars: int = MAX_RESPONSE_CHARS
    #: lmms-eval samples: the modbias task whose ``original`` variant a standard run's answers are.
    as_original_of: str | None = None


@dataclass
class ImportResult:
    """The records made, and every row that could not become one (``file:row: problem``)."""

    records: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def extend(self, other: ImportResult) -> None:
        self.records.extend(other.records)
        self.problems.extend(other.problems)


@dataclass(frozen=True)
class Provenance:
    """Where a set of records comes from: the format, and the repository, commit and model if known."""

    format: str
    model: str | None = None
    repo: str | None = None
    commit: str | None = None

    @classmethod
    def of(cls, name: str, request: ImportRequest, model: str | None = None) -> Provenance:
        """The provenance of ``request`` read as format ``name``; ``model`` when the request names none."""
        return cls(name, request.model or model, request.repo, request.commit)

    def source(self, file: Path | str, row: int | str) -> dict[str, Any]:
        """The ``source`` field of the record made from ``row`` of ``file`` (unknown parts left out)."""
        known = {"repo": self.repo, "commit": self.commit, "model": self.model}
        return {"format": self.format, **{k: v for k, v in known.items() if v}, "file": str(file), "row": row}


def shortened(response: Any, limit: int) -> tuple[Any, bool]:
    """(the response, False), or its last ``limit`` characters after a mark and True when longer."""
    if not isinstance(response, str) or limit <= 0 or len(response) <= limit:
        return response, False
    return TRUNCATION_MARK + response[-limit:], True


def with_response(record: Record, response: Any, limit: int) -> Record:
    """``record`` with its raw ``response`` (shortened past ``limit`` characters, and then marked)."""
    text, truncated = shortened(response, limit)
    record["response"] = text
    if truncated:
        record["response_chars"] = len(response)
    return record


def source_scored(record: Record, score: float, parsed: str | None, invalid_reason: str = "") -> Record:
    """``record`` scored by the source's own judgement (``score`` 0..1); its answer is invalid only when
    the source found none (``parsed`` None) and did not score it."""
    valid = score > 0 or parsed is not None
    record.update(
        parsed=parsed,
        score=float(score),
        valid=valid,
        invalid_reason=None if valid else (invalid_reason or "no answer (source)"),
        chance=chance_level(record["answer_type"], record.get("options")),
        scored_by="source",
    )
    return record


def conditions(request: ImportRequest) -> list[tuple[Path, str]]:
    """Each input file with the variant its answers are: ``paths`` the request's variant,
    ``without_image`` files ``no_image``."""
    return [(path, request.variant) for path in request.paths] + [
        (path, "no_image") for path in request.without_image
    ]


def extracted_answer(extracted: Any, response: Any) -> tuple[str | None, str]:
    """(the answer a source extracted, or None, and why there is none): none when the source found
    nothing, or when the raw response is a refusal."""
    text = "" if extracted is None else str(extracted).strip()
    if text in ("", "None"):
        return None, "no answer extracted (source)"
    if isinstance(response, str) and is_refusal(response):
        return None, "refused"
    return text, ""


def letter_of(value: Any, options: Sequence[Any]) -> str | None:
    """The option letter ("A", "B", ...) of ``value`` among ``options`` by exact text, else None."""
    texts = [str(option) for option in options]
    return chr(ord("A") + texts.index(str(value))) if str(value) in texts else None


def mcq_or_open(options: Sequence[Any] | None) -> str:
    """ "mcq" when the item has options, else "open"."""
    return "mcq" if options else "open"
