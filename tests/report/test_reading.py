"""Reading records from records files, lmms-eval sample logs and folders."""

import json
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sample_lines import sample_line

from mb_tasks.metrics import compute_report
from mb_tasks.metrics.engine import report_of_screening
from mb_tasks.metrics.screening import screen_records
from mb_tasks.records import VARIANTS
from mb_tasks.report import read_records
from mb_tasks.report.reading import records_again, screen_paths, with_reader_input

ROOT = Path(__file__).resolve().parents[2]

RECORD = {"benchmark": "b", "pair_id": "1", "variant": "original", "answer_type": "yesno", "target": "yes"}


def test_records_file_with_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(RECORD) + "\n{not json\n\n" + json.dumps(dict(RECORD, pair_id="2")) + "\n")
    result = read_records([path])
    assert [r["pair_id"] for r in result.records] == ["1", "2"]
    assert result.problems == [
        f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes), line skipped"
    ]


def test_lmms_eval_samples_and_folders(tmp_path: Path) -> None:
    run = tmp_path / "out" / "model_x"
    run.mkdir(parents=True)
    sample = {"doc_id": 0, "doc": {}, "resps": [["yes"]], "acc_original": RECORD, "mg_no_image": RECORD}
    (run / "20261123_samples_modbias_synth.jsonl").write_text(
        json.dumps(sample) + "\n" + json.dumps({"doc_id": 1}) + "\n"
    )
    (run / "results.json").write_text("{}")
    result = read_records([tmp_path / "out"])
    assert result.records == [RECORD]  # one record per sample, not one per metric key
    assert len(result.files) == 1
    assert any(":2: no modbias record" in p for p in result.problems)


def test_missing_paths_and_empty_folders_are_named(tmp_path: Path) -> None:
    result = read_records([tmp_path / "nope.jsonl", tmp_path])
    assert result.records == []
    assert result.problems == [
        f"{tmp_path / 'nope.jsonl'}: no such file or folder",
        f"{tmp_path}: no .jsonl or .jsonl.gz files in this folder",
    ]


def test_a_line_that_is_not_utf8_is_named_and_the_other_lines_are_read(tmp_path: Path) -> None:
    good = [json.dumps(dict(RECORD, pair_id=str(i))).encode() for i in range(36)]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([*good[:18], b"\xff\xfe{\x00oops", *good[18:]]) + b"\n")
    result = read_records([path])
    assert [r["pair_id"] for r in result.records] == [str(i) for i in range(36)]
    assert result.problems == [f"{path}:19: not UTF-8 text (byte 0xff at column 1), line skipped"]
    assert (result.files_read, result.lines_skipped) == (1, 1)
    assert result.locations[17:19] == [f"{path}:18", f"{path}:20"]


def test_a_binary_file_is_one_problem_and_other_files_are_still_read(tmp_path: Path) -> None:
    (tmp_path / "garbage.jsonl").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "good.jsonl").write_text(json.dumps(RECORD) + "\n")
    result = read_records([tmp_path])
    assert result.records == [RECORD] and result.files == [tmp_path / "good.jsonl"]
    assert len(result.problems) == 1
    assert result.problems[0].startswith(f"{tmp_path / 'garbage.jsonl'}: not a text file (")
    assert result.files_read == 2 and result.lines_skipped > 0


def test_a_byte_order_mark_is_read_as_utf8_sig_and_line_ends_number_lines(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    line = json.dumps(RECORD).encode()
    path.write_bytes(b"\xef\xbb\xbf" + line + b"\r\n" + line + b"\r" + b"{oops\n")
    result = read_records([path])
    assert result.records == [RECORD, RECORD]
    assert result.locations == [f"{path}:1", f"{path}:2"]
    assert result.problems == [
        f"{path}:3: malformed JSON (Expecting property name enclosed in double quotes), line skipped"
    ]


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    for name, content in (("empty.jsonl", ""), ("blank.jsonl", "\n  \n\t\n")):
        (tmp_path / name).write_text(content)
        result = read_records([tmp_path / name])
        assert result.problems == [f"{tmp_path / name}: empty file (no line with content), no records"]


def test_the_reader_fills_the_reports_input_and_problems(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(RECORD) + "\n[1]\n")
    read = read_records([path])
    report = {
        "input": {"files": 0, "lines_skipped": 0, "records_read": 1, "records_left_out": 0},
        "problems": ["p"],
    }
    assert with_reader_input(report, read) == {
        "input": {"files": 1, "lines_skipped": 1, "records_read": 1, "records_left_out": 0},
        "problems": [f"{path}:2: no modbias record on this line, skipped", "p"],
    }


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=3000))
def test_any_bytes_give_problems_never_an_exception(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.jsonl"
        path.write_bytes(data)
        result = read_records([path])
    non_blank = sum(1 for line in data.removeprefix(b"\xef\xbb\xbf").splitlines() if line.strip())
    assert result.problems or result.records
    assert len(result.records) + result.lines_skipped == non_blank


@settings(max_examples=100, deadline=None)
@given(chunks=st.lists(st.one_of(st.integers(0, 9), st.binary(min_size=1, max_size=200)), max_size=30))
def test_good_lines_between_random_bytes_are_all_kept(chunks: list[int | bytes]) -> None:
    good = {i: dict(RECORD, pair_id=f"p{i}") for i in range(10)}
    lines = [json.dumps(good[c]).encode() if isinstance(c, int) else c for c in chunks]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mixed.jsonl"
        path.write_bytes(b"\n".join(lines))
        result = read_records([path])
    assert result.records == [good[c] for c in chunks if isinstance(c, int)]


def test_gzipped_logs_are_read_and_a_cut_off_one_is_named(tmp_path: Path) -> None:
    import gzip

    lines = "".join(json.dumps(dict(RECORD, pair_id=str(i))) + "\n" for i in range(3)).encode()
    run = tmp_path / "run"
    run.mkdir()
    (run / "records.jsonl.gz").write_bytes(gzip.compress(lines))
    cut = run / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines)[:-12])
    result = read_records([run])
    whole = [
        i for i, where in enumerate(result.locations) if where.startswith(f"{run / 'records.jsonl.gz'}:")
    ]
    assert [result.records[i]["pair_id"] for i in whole] == ["0", "1", "2"]
    assert result.locations[whole[0]] == f"{run / 'records.jsonl.gz'}:1"
    assert [p for p in result.problems if p.startswith(f"{cut}: cannot be read")], result.problems


# Reading and screening in one pass, as modbias report does


def test_reading_shows_a_progress_bar_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    monkeypatch.setenv("MODBIAS_PROGRESS", "1")
    read_records([path])
    captured = capsys.readouterr()
    assert "reading records" in captured.err and captured.out == ""
    monkeypatch.setenv("MODBIAS_PROGRESS", "0")
    read_records([path])
    assert capsys.readouterr().err == ""


def messy_run(folder: Path) -> Path:
    """A run folder with what a report must name and count: lines without records, malformed and
    non-UTF-8 lines, a rejected record, duplicates (one conflicting), a skipped record, an unknown
    variant, a partial item, expansion problems, and a second benchmark in a gzip file."""
    import gzip

    records = [json.loads(line) for line in (ROOT / "examples" / "records.jsonl").read_text().splitlines()]
    mcq = [r for r in records if r["benchmark"] == "toy_mcq"][:90]
    mcq[0] = dict(mcq[0], expansion_problems=[{"item": "7", "row": 7, "message": "item 7 dropped"}])
    mcq[3] = dict(mcq[3], score="high")
    mcq[5] = dict(mcq[5], skipped="image is truncated")
    mcq[6] = dict(mcq[6], variant="No_Image", item_variants=9)
    conflicting = dict(mcq[10], parsed="Z", score=0.0)
    folder.mkdir()
    lines = [sample_line(r) for r in mcq[:50]] + ["{oops", "[1, 2]", ""]
    lines += [json.dumps(r) for r in [*mcq[50:], mcq[11], conflicting, mcq[12]]]
    (folder / "20261123_samples_modbias_toy_mcq.jsonl").write_bytes(
        "\n".join(lines).encode() + b"\n\xff\xfe\n"
    )
    yesno = [r for r in records if r["benchmark"] == "toy_yesno"][:40]
    text = "".join(json.dumps(dict(r, item_variants=9)) + "\n" for r in yesno)
    (folder / "20261123_samples_modbias_toy_yesno.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    return folder


def test_screening_as_read_is_the_screening_of_the_records_read_as_dicts(tmp_path: Path) -> None:
    folder = messy_run(tmp_path / "run")
    read, streamed = screen_paths([folder])
    as_dicts = read_records([folder])
    screened = screen_records(as_dicts.records, as_dicts.locations)
    assert streamed.records_read == read.found == len(as_dicts.records) == 133
    assert (read.problems, read.files_read, read.lines_skipped) == (
        as_dicts.problems,
        as_dicts.files_read,
        as_dicts.lines_skipped,
    )
    assert streamed.problems == screened.problems and len(streamed.problems) == 9
    assert (
        streamed.left_out
        == screened.left_out
        == {
            "toy_mcq": {
                "bad field": 1,
                "skipped": 1,
                "unknown variant": 1,
                "duplicate": 2,
                "conflicting duplicate": 1,
            }
        }
    )
    assert (streamed.items_dropped, streamed.items_partial) == (
        {"toy_mcq": 1},
        {"toy_mcq": 1, "toy_yesno": 1},
    )
    assert streamed.record_keys() == [(r["benchmark"], r["pair_id"], r["variant"]) for r in screened.records]
    assert report_of_screening(streamed, resamples=200) == compute_report(
        as_dicts.records, resamples=200, locations=as_dicts.locations
    )


def test_the_kept_records_are_read_again_as_the_screening_validated_them(tmp_path: Path) -> None:
    folder = messy_run(tmp_path / "run")
    _, streamed = screen_paths([folder])
    as_dicts = read_records([folder])
    kept = screen_records(as_dicts.records, as_dicts.locations).records
    for benchmark in ("toy_mcq", "toy_yesno"):
        again = list(records_again(streamed, benchmark))
        assert [record for record, _ in again] == [r for r in kept if r["benchmark"] == benchmark]
        prompts = {line.get("input") for _, line in again if "record" in line}
        assert prompts == ({"Is it red?"} if benchmark == "toy_mcq" else set())


def test_screening_as_read_holds_no_parsed_record(tmp_path: Path) -> None:
    """20,000 sample lines (50 MB) are screened in a few MB; their records alone, as dicts, take tens."""
    record = json.loads((ROOT / "examples" / "records.jsonl").read_text().splitlines()[0])
    path = tmp_path / "samples.jsonl"
    padding = "x" * 2000  # a sample line's other keys and its prompt
    with path.open("w") as handle:
        for i in range(20_000):
            variant_record = dict(record, pair_id=f"item{i // 9}", variant=VARIANTS[i % 9])
            handle.write(sample_line(variant_record, input=padding) + "\n")
    tracemalloc.start()
    read, screening = screen_paths([path])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    as_dicts = read_records([path])
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert screening.records_read == len(as_dicts.records) == 20_000 and not read.problems
    assert peak < 10_000_000 < 20_000_000 < held
