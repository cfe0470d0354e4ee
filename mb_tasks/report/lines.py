"""From a file's bytes to its lines, and from a line to the record it holds.

Lines are numbered as text mode would (``\\n``, ``\\r\\n`` or ``\\r`` end a line; a byte-order mark
before the first line is dropped, as utf-8-sig does). A line holds a record when it is one (a
records-JSONL line), or when it is a sample holding one: under its ``record`` key, as modbias's
tasks log it, else under the first other key but ``doc`` (an lm-eval sample's logged ``doc`` is the
task row, which looks like a record but is not one).

Lines are decoded with msgspec: first only a sample's ``record`` key (and whether the line is a
record itself), skipping the rest of the line (an lmms-eval sample line is ~2.3 KB, most of it metric
keys and the prompt) without building it. A line msgspec refuses is decoded again by the standard
``json`` module, which reads it the same way (it also takes NaN and Infinity) or names the problem.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from mb_tasks.records import Record, is_record

#: Files are read in blocks of this many bytes, .gz files in blocks of this many lines.
BLOCK_BYTES, LINES_PER_BLOCK = 1 << 20, 512

_BOM = b"\xef\xbb\xbf"
_UNSET = msgspec.UNSET


class _Head(msgspec.Struct):
    """What a line is decoded as first: its ``record`` key, and the identity fields a record itself
    has (a records-JSONL line); every other key is skipped without being built."""

    record: Any = _UNSET
    benchmark: Any = _UNSET
    pair_id: Any = _UNSET
    variant: Any = _UNSET


_HEAD = msgspec.json.Decoder(_Head)
_VALUE = msgspec.json.Decoder()
_REFUSED = (msgspec.MsgspecError, RecursionError)


@dataclass(frozen=True)
class Unreadable:
    """Why a line was skipped (shown after its ``file:line``), and whether it is not UTF-8 text."""

    why: str
    not_text: bool = False


def _blocks(path: Path, advance: Callable[[int], object]) -> Iterator[bytes]:
    """The file's bytes in blocks: BLOCK_BYTES at a time, or for a .gz file whole lines,
    LINES_PER_BLOCK at a time, so that every line before a cut-off or corrupt end is still read.
    ``advance(n)``: n more bytes of the file (compressed, for a .gz file) were read."""
    with path.open("rb") as raw:
        if path.suffix != ".gz":
            while block := raw.read(BLOCK_BYTES):
                advance(len(block))
                yield block
            return
        position, lines = 0, []
        try:
            for line in gzip.GzipFile(fileobj=raw):
                lines.append(line)
                if len(lines) == LINES_PER_BLOCK:
                    advance(raw.tell() - position)
                    position = raw.tell()
                    yield b"".join(lines)
                    lines = []
        except (OSError, EOFError):
            yield b"".join(lines)
            raise
        advance(raw.tell() - position)
        yield b"".join(lines)


def file_lines(path: Path, advance: Callable[[int], object] = lambda _: None) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of each line of the file; ``advance`` as for :func:`_blocks`. OSError or
    EOFError (a cut-off .gz file) once the lines before the unreadable part are given."""
    number, carry = 0, []
    for block in _blocks(path, advance):
        # Lines end at the block's last \n, or its last \r but a final one (a \n may follow that);
        # the rest is carried to the next block.
        cut = max(block.rfind(b"\n"), block.rfind(b"\r", 0, len(block) - 1)) + 1
        carry.append(block[:cut] if cut else block)
        if not cut:
            continue
        for line in b"".join(carry).splitlines():
            number += 1
            yield number, (line.removeprefix(_BOM) if number == 1 else line)
        carry = [block[cut:]]
    for line in b"".join(carry).splitlines():
        number += 1
        yield number, (line.removeprefix(_BOM) if number == 1 else line)


def record_in(line_value: object) -> Record | None:
    """The record a line's JSON value holds (see the module docstring), None if none."""
    if is_record(line_value):
        return line_value  # type: ignore[return-value]
    if isinstance(line_value, dict):
        if is_record(line_value.get("record")):
            return line_value["record"]
        for key, value in line_value.items():
            if key != "doc" and is_record(value):
                return value
    return None


def _json_value(line: bytes) -> Any:
    """The JSON value of a line read by the ``json`` module; Unreadable saying why it cannot be."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        why = f"not UTF-8 text (byte 0x{line[error.start]:02x} at column {error.start + 1})"
        return Unreadable(why, not_text=True)
    try:
        return json.loads(text)
    except ValueError as error:  # JSONDecodeError, or a number too long to convert
        return Unreadable(f"malformed JSON ({getattr(error, 'msg', error)})")
    except RecursionError:
        return Unreadable("JSON nested too deeply")


def line_record(line: bytes) -> Record | Unreadable | None:
    """The record a non-blank line holds; None if it holds none; Unreadable if it cannot be read."""
    if line.isascii() or _is_utf8(line):  # msgspec does not check the text of the keys it skips
        try:
            head = _HEAD.decode(line)
            if _UNSET in (head.benchmark, head.pair_id, head.variant) and is_record(head.record):
                return head.record
            return record_in(_VALUE.decode(line))
        except _REFUSED:
            pass
    value = _json_value(line)
    return value if isinstance(value, Unreadable) else record_in(value)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def line_value(line: bytes) -> Any:
    """The JSON value of a line that :func:`line_record` read (by msgspec, else by the json module)."""
    try:
        return _VALUE.decode(line)
    except _REFUSED:
        return json.loads(line.decode("utf-8"))
