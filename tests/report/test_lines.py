"""A file's lines, numbered as text mode would, and the record each line holds, read as the json
module reads it (msgspec first, the json module for what msgspec refuses)."""

from __future__ import annotations

import contextlib
import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sample_lines import sample_line

from mb_tasks.report.lines import BLOCK_BYTES, Unreadable, file_lines, line_record

RECORD = {"benchmark": "b", "pair_id": "1", "variant": "original", "answer_type": "yesno", "target": "yes"}


def test_a_samples_record_key_is_read_first_and_a_record_line_is_itself() -> None:
    other = dict(RECORD, pair_id="elsewhere")
    assert line_record(sample_line(RECORD).encode()) == RECORD
    assert line_record(json.dumps({"acc_original": other, "record": RECORD}).encode()) == RECORD
    assert line_record(json.dumps({"acc_original": other, "record": "record"}).encode()) == other
    assert line_record(json.dumps({**RECORD, "record": other}).encode()) == {**RECORD, "record": other}


def test_a_line_the_fast_decoder_refuses_is_read_or_named_as_the_json_module_does() -> None:
    assert line_record(sample_line(RECORD, token_counts=float("nan")).encode()) == RECORD  # json reads NaN
    not_utf8 = sample_line(RECORD, input="X").encode().replace(b'"input": "X"', b'"input": "\xff"')
    column = not_utf8.index(b"\xff") + 1
    assert line_record(not_utf8) == Unreadable(f"not UTF-8 text (byte 0xff at column {column})", True)
    assert line_record(b'{"record": 1e400}') is None  # json reads it as infinity: no record
    assert line_record(b'{"record": ') == Unreadable("malformed JSON (Expecting value)")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)
record_like = st.fixed_dictionaries(
    {"benchmark": json_values, "pair_id": json_values, "variant": json_values},
    optional={"score": json_values, "record": json_values},
)
sample_extras = st.dictionaries(st.sampled_from(["doc", "acc_original", "input"]), record_like | json_values)
lines = st.one_of(
    record_like.map(json.dumps),
    st.builds(lambda record, extra: json.dumps({**extra, "record": record}), record_like, sample_extras),
    st.dictionaries(
        st.sampled_from(["doc", "record", "acc_original", "input"]), record_like | json_values
    ).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=20),
)


def documented_record(value: object) -> object:
    """The rule of the module docstring, written out: the line itself if it is a record, else its
    ``record`` key's value if that is one, else the first value but ``doc``'s that is one."""

    def is_record(candidate: object) -> bool:
        return isinstance(candidate, dict) and {"benchmark", "pair_id", "variant"} <= candidate.keys()

    if is_record(value):
        return value
    if isinstance(value, dict):
        if is_record(value.get("record")):
            return value["record"]
        return next((item for key, item in value.items() if key != "doc" and is_record(item)), None)
    return None


@settings(max_examples=500, deadline=None)
@given(lines)
def test_every_line_is_read_as_the_json_module_reads_it(text: str) -> None:
    try:
        expected = documented_record(json.loads(text))
    except ValueError:
        assert isinstance(line_record(text.encode()), Unreadable)
    else:
        assert json.dumps(line_record(text.encode())) == json.dumps(expected)


def test_line_ends_are_counted_as_text_mode_does_across_read_blocks(tmp_path: Path) -> None:
    line = json.dumps(RECORD).encode()
    data = b"\xef\xbb\xbf" + b"\r".join([line] * 3) + b"\r\n\r\n"
    # A \r\n cut by the end of the first block, then lines ended by \r, \n and \r\n past it.
    padding = BLOCK_BYTES - 1 - len(data) - len(line) - 1
    data += b" " * padding + b"\n" + line + b"\r\n" + line + b"\r" + line + b"\n" + line
    assert data[BLOCK_BYTES - 1 : BLOCK_BYTES + 1] == b"\r\n"
    path = tmp_path / "ends.jsonl"
    path.write_bytes(data)
    expected = data.decode("utf-8-sig").splitlines()
    assert [(number, text.decode()) for number, text in file_lines(path)] == list(
        enumerate(expected, start=1)
    )
    assert len(expected) == 9


def test_every_line_before_a_cut_off_gzip_end_is_given(tmp_path: Path) -> None:
    data = "".join(json.dumps(dict(RECORD, pair_id=str(i))) + "\n" for i in range(4000)).encode()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(data)[:-4096])
    whole = []
    # What Python's own line reader gets before the cut:
    with gzip.open(path, "rb") as handle, contextlib.suppress(EOFError):
        whole.extend(line.rstrip(b"\n") for line in handle)
    given_lines = []
    with contextlib.suppress(EOFError):
        given_lines.extend(line for _, line in file_lines(path))
    assert given_lines == whole and 0 < len(whole) < 4000
