"""The bad-input audit's section A, part 1: files, lines, records and their fields (A1–A39 but the
answer-parsing case A40). Each case is data the test makes from the shipped example, and asserts the
trustworthy behaviour: the message names the file:line or the record, the report goes on while
anything usable remains, and the saved report counts what was left out. The cases of R3, R4 and R12
drive the real `modbias report` command; the others call read_records and compute_report.
"""

from __future__ import annotations

import json
import math
import random
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from mb_tasks.metrics import compute_report
from mb_tasks.report import read_records
from tests.bad_inputs.report_cases import example, left_out, mk, report_of, run_report, write_jsonl
from tests.conftest import Modbias

# A1–A13: files and lines


def test_a1_empty_file_is_named_and_exits_non_zero(modbias: Modbias, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = modbias("report", str(empty))
    assert result.returncode == 1
    assert f"{empty}: empty file (no line with content), no records" in result.stderr
    assert "no usable records were read" in result.stderr and result.stdout == ""


def test_a2_file_of_blank_lines_is_named(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n   \n\t\n")
    read = read_records([path])
    assert read.records == [] and read.problems == [f"{path}: empty file (no line with content), no records"]


def test_a3_random_bytes_are_one_problem_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_bytes(random.Random(3).randbytes(4096))
    read = read_records([path])
    assert read.records == [] and len(read.problems) == 1
    assert read.problems[0].startswith(f"{path}: not a text file (") and read.lines_skipped > 0


def test_a4_a_line_that_is_not_utf8_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    lines = [json.dumps(record).encode() for record in example(36)]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([*lines[:18], b"\xff\xfe\x00\x01", *lines[18:]]) + b"\n")
    read = read_records([path])
    assert read.records == example(36)
    assert read.problems == [f"{path}:19: not UTF-8 text (byte 0xff at column 1), line skipped"]


def test_a5_r3_a_garbage_file_next_to_a_good_one(modbias: Modbias, tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "g.jsonl").write_bytes(random.Random(5).randbytes(2000))
    write_jsonl(tmp_path / "run" / "records.jsonl", example(None))
    result, report = run_report(modbias, tmp_path / "run")
    assert result.returncode == 0, result.stderr
    garbage = f"{tmp_path / 'run' / 'g.jsonl'}: not a text file ("
    assert any(problem.startswith(garbage) for problem in report["problems"])
    assert report["input"]["files"] == 2 and report["input"]["records_read"] == 1260
    assert set(report["benchmarks"]) == {"toy_mcq", "toy_yesno"}
    assert "## Input problems" in result.stdout and garbage in result.stdout


def test_a6_a8_folders_without_records_and_missing_paths_are_named(tmp_path: Path) -> None:
    (tmp_path / "nojsonl_dir").mkdir()
    (tmp_path / "dir.jsonl").mkdir()
    given = [tmp_path / "nojsonl_dir", tmp_path / "dir.jsonl", tmp_path / "does_not_exist.jsonl"]
    assert read_records(given).problems == [
        f"{given[0]}: no .jsonl or .jsonl.gz files in this folder",  # A6
        f"{given[1]}: no .jsonl or .jsonl.gz files in this folder",  # A7
        f"{given[2]}: no such file or folder",  # A8
    ]


def test_a9_a10_r12_a_cut_last_line_is_in_every_saved_report(modbias: Modbias, tmp_path: Path) -> None:
    lines = [json.dumps(record) for record in example()]
    path = tmp_path / "truncated_last.jsonl"
    path.write_text("\n".join([*lines[:-1], lines[-1][:40]]) + "\n")
    page = tmp_path / "report.html"
    result, report = run_report(modbias, path, "--html", page)
    assert result.returncode == 0, result.stderr
    line = f"{path}:45: malformed JSON"
    assert [p for p in report["problems"] if p.startswith(line)]
    assert report["input"] == {"files": 1, "lines_skipped": 1, "records_read": 44, "records_left_out": 0}
    assert line in result.stdout.split("## Input problems", 1)[1]
    text = page.read_text()
    assert (
        line in text and "44 record(s) read from 1 file(s); 0 record(s) left out; 1 line(s) skipped." in text
    )


def test_a11_lines_without_a_record_are_named(tmp_path: Path) -> None:
    path = tmp_path / "non_objects.jsonl"
    values = ["[1,2,3]", "42", '"a string"', "null", "true", json.dumps([example(1)[0]])]
    path.write_text("\n".join([json.dumps(example(1)[0]), *values]) + "\n")
    read = read_records([path])
    assert len(read.records) == 1
    assert read.problems == [f"{path}:{n}: no modbias record on this line, skipped" for n in range(2, 8)]


def test_a12_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(json.dumps(r) + "\n" for r in example()).encode())
    read = read_records([path])
    assert read.records == example() and read.problems == []


def test_a13_a_record_missing_its_identity_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing_benchmark.jsonl"
    write_jsonl(path, [{k: v for k, v in example(1)[0].items() if k != "benchmark"}])
    assert read_records([path]).problems == [f"{path}:1: no modbias record on this line, skipped"]
    report = report_of(mk(lambda r: r[0].update(benchmark=None)))
    assert report["problems"][0].startswith("record benchmark=None, pair_id='toy_mcq-0'")
    assert "no benchmark field (missing or null); record left out" in report["problems"][0]
    assert report["input"]["records_left_out"] == 1


# A14–A20: scored and foreign records


def test_a14_a_scored_record_needs_no_response_target_or_answer_type() -> None:
    records = mk(lambda r: [r[0].pop(k) for k in ("response", "target", "answer_type")])
    report = report_of(records)
    assert report["problems"] == [] and report["benchmarks"] == report_of(example())["benchmarks"]


def foreign(records: list[dict]) -> None:
    """Strip what scoring fills in: the records become a foreign log."""
    for record in records:
        for key in ("parsed", "score", "valid"):
            record.pop(key)


@pytest.mark.parametrize(
    ("edit", "reason", "message"),
    [
        (lambda r: r[0].pop("target"), "missing field", "no target field (missing or null)"),  # A15
        (lambda r: r[0].pop("response"), "missing field", "no response field"),  # A16
        (lambda r: r[0].update(target=None), "missing field", "no target field (missing or null)"),  # A18
        (
            lambda r: r[0].update(target="Z"),
            "bad field",
            "target 'Z' is not a valid answer for an mcq item with 4 options",
        ),  # A18
        (lambda r: r[0].update(options=4), "bad field", "options 4 is not a list of strings"),  # A19
        (lambda r: r[0].update(answer_type="essay"), "bad field", "answer_type 'essay' is not one of"),  # A19
        (
            lambda r: [r[0].pop("answer_type"), r[0].pop("options")],
            "missing field",
            "no answer_type field (and no options to infer mcq from)",
        ),  # A17
    ],
)
def test_a15_a19_r11_foreign_records_missing_what_scoring_needs_are_named(
    tmp_path: Path, edit: Callable, reason: str, message: str
) -> None:
    path = write_jsonl(tmp_path / "foreign.jsonl", mk(lambda r: [foreign(r), edit(r)]))
    read = read_records([path])
    report = compute_report(read.records, resamples=0, locations=read.locations)
    assert report["problems"][0].startswith(f"{path}:1: {message}")
    assert report["problems"][0].endswith("; record left out")
    assert left_out(report) == {reason: 1}
    assert report["benchmarks"]["toy_mcq"]["acc_original"]["n"] == 4


def test_a17_r11_a_missing_answer_type_with_options_is_scored_as_mcq() -> None:
    report = report_of(mk(lambda r: [foreign(r), r[0].pop("answer_type")]))
    assert report["problems"] == []
    assert report["benchmarks"]["toy_mcq"]["acc_original"]["value"] == 1.0  # not 0.8, as "open" gave


def test_a20_a_dict_response_is_an_invalid_answer() -> None:
    report = report_of(mk(lambda r: [foreign(r), r[0].update(response={"text": "B"})]))
    assert report["problems"] == []
    assert report["benchmarks"]["toy_mcq"]["invalid_rate_original"]["value"] == pytest.approx(1 / 5)


# A21–A31: fields of the wrong type or range


def test_a21_numeric_strings_are_read_as_numbers() -> None:
    records = mk(lambda r: [x.update(score=str(x["score"]), chance=str(x["chance"])) for x in r])
    assert report_of(records)["benchmarks"] == report_of(example())["benchmarks"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r[0].update(score="abc"), "score 'abc' is not a number in [0, 1]"),
        (lambda r: r[0].update(score=[1]), "score [1] is not a number in [0, 1]"),
        (lambda r: r[0].update(chance="quarter"), "chance 'quarter' is not a number in [0, 1]"),
        (lambda r: r[0].update(variant=["original"]), "variant ['original'] is not a name"),
        (lambda r: r[0].update(pair_id=["toy_mcq-0"]), "pair_id ['toy_mcq-0'] is not an item id"),  # A29
    ],
)
def test_a22_a23_a29_r8_fields_of_the_wrong_type_are_named(
    tmp_path: Path, edit: Callable, message: str
) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", mk(edit))
    read = read_records([path])
    report = compute_report(read.records, resamples=0, locations=read.locations)
    assert report["problems"][0].startswith(f"{path}:1: {message}")
    assert left_out(report) == {"bad field": 1} and report["input"]["records_left_out"] == 1
    assert report["counts"]["toy_mcq"]["items"] == 5  # no item "['toy_mcq-0']" of its own


def test_a23_a30_r21_a_benchmark_that_is_not_a_name_is_named_not_a_suite_member() -> None:
    for bad in (7, {"name": "toy_mcq"}):
        report = report_of(mk(lambda r, bad=bad: r[0].update(benchmark=bad)))
        assert set(report["benchmarks"]) == set(report["counts"]) == {"toy_mcq"}
        assert (
            f"benchmark {bad!r} is not a name (a non-empty string); record left out" in report["problems"][0]
        )
        assert report["input"]["records_left_out"] == 1
        assert any(
            w.startswith("UNPAIRED toy_mcq: 1 item(s)") for w in report["warnings"]
        )  # toy_mcq-0's original


def test_a24_a25_r9_valid_as_strings_or_integers_is_read_by_the_documented_rule() -> None:
    expected = report_of(example())
    for spell in (lambda v: str(v).lower(), lambda v: "yes" if v else "no", int, lambda v: str(v).upper()):
        report = report_of(mk(lambda r, spell=spell: [x.update(valid=spell(x["valid"])) for x in r]))
        assert report["benchmarks"] == expected["benchmarks"] and report["warnings"] == expected["warnings"]
    assert any(w.startswith("HIGH INVALID RATE toy_mcq") for w in expected["warnings"])


def test_a26_r10_scores_out_of_range_are_left_out_and_the_rest_computed_by_hand() -> None:
    records = example(None)
    spoiled = {("toy_mcq", f"toy_mcq-{i}") for i in range(0, 80, 7)}
    for record in records:
        key = (record["benchmark"], record["pair_id"])
        if key in spoiled and record["variant"] in ("original", "no_image"):
            record["score"] = 5.0 if record["variant"] == "original" else -1.0
    report = report_of(records)
    assert left_out(report) == {"bad field": 2 * len(spoiled)}
    kept = {
        (r["pair_id"], r["variant"]): (r["score"] if r["valid"] else 0.0)
        for r in example(None)
        if r["benchmark"] == "toy_mcq" and (r["benchmark"], r["pair_id"]) not in spoiled
    }
    originals = [score for (_, variant), score in kept.items() if variant == "original"]
    gains = [score - kept[(p, "no_image")] for (p, v), score in kept.items() if v == "original"]
    results = report["benchmarks"]["toy_mcq"]
    assert results["acc_original"]["n"] == 80 - len(spoiled)
    assert results["acc_original"]["value"] == pytest.approx(sum(originals) / len(originals))
    assert results["mg_no_image"]["value"] == pytest.approx(sum(gains) / len(gains))
    yesno = report_of(example(None)[720:])["benchmarks"]["toy_yesno"]
    assert {name: r["value"] for name, r in report["benchmarks"]["toy_yesno"].items()} == {
        name: r["value"] for name, r in yesno.items()
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("score", math.nan),
        ("score", math.inf),
        ("score", -math.inf),
        ("chance", math.nan),
        ("chance", math.inf),
    ],
)
def test_a27_r10_nan_and_infinity_are_left_out_without_numpy_warnings(
    tmp_path: Path, field: str, value: float
) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", mk(lambda r: r[0].update({field: value})))
    read = read_records([path])  # json writes NaN / Infinity, which Python's json reads back
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = compute_report(read.records, resamples=200, locations=read.locations)
    assert report["problems"][0].startswith(f"{path}:1: {field} {value} is not a number in [0, 1]")
    assert left_out(report) == {"bad field": 1}
    acc = report["benchmarks"]["toy_mcq"]["acc_original"]
    assert acc["value"] == 1.0 and acc["ci_high"] == 1.0 and acc["n"] == 4


def test_a28_int_and_string_pair_ids_are_one_item() -> None:
    def renumber(records: list[dict]) -> None:
        for i, record in enumerate(records):
            number = int(record["pair_id"].split("-")[1])
            record["pair_id"] = number if i % 2 else str(number)

    report = report_of(mk(renumber))
    assert report["counts"]["toy_mcq"]["items"] == 5 and report["problems"] == []


def test_a31_r4_a_dotted_benchmark_name_works(modbias: Modbias, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", mk(lambda r: [x.update(benchmark="mmbench_v1.1") for x in r]))
    result, report = run_report(modbias, path)
    assert result.returncode == 0, result.stderr
    assert set(report["benchmarks"]) == {"mmbench_v1.1"} and "leak_canary" in report
    assert report["benchmarks"]["mmbench_v1.1"]["acc_original"]["value"] == 1.0


# A32–A39: duplicates, variants, sizes


def test_a32_exact_duplicates_name_their_items() -> None:
    report = report_of(mk(lambda r: r.extend(json.loads(json.dumps(r[:9])))))
    assert left_out(report) == {"duplicate": 9}
    assert (
        "toy_mcq: 1 duplicate 'original' record(s) left out (the first record of each item is kept): "
        "item toy_mcq-0" in report["problems"]
    )
    assert report["benchmarks"] == report_of(example())["benchmarks"]


def test_a33_r20_a_conflicting_duplicate_names_the_item_and_both_answers(tmp_path: Path) -> None:
    def conflict(records: list[dict]) -> None:
        records.insert(0, dict(records[0], score=0.0, parsed="A"))

    path = write_jsonl(tmp_path / "x.jsonl", mk(conflict))
    read = read_records([path])
    report = compute_report(read.records, resamples=0, locations=read.locations)
    assert report["problems"] == [
        f"{path}:2: conflicting duplicate of toy_mcq item 'toy_mcq-0' 'original': the first record "
        f"({path}:1: score 0, parsed 'A', valid True) is kept, this one (score 1, parsed 'B', valid True) "
        "is left out"
    ]
    assert left_out(report) == {"conflicting duplicate": 1}
    assert report["benchmarks"]["toy_mcq"]["acc_original"]["value"] == pytest.approx(0.8)  # the first is kept


def test_a34_the_same_file_twice_changes_no_number(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", example())
    read = read_records([path, path])
    report = compute_report(read.records, resamples=0, locations=read.locations)
    assert report["benchmarks"] == report_of(example())["benchmarks"]
    assert left_out(report) == {"duplicate": 45} and report["input"]["records_left_out"] == 45


def test_a35_unknown_variants_are_named_and_counted() -> None:
    report = report_of(mk(lambda r: [r[1].update(variant="No_Image"), r[2].update(variant="blurred")]))
    assert left_out(report) == {"unknown variant": 2}
    assert any("unknown variant 'No_Image' in 1 record(s), left out" in p for p in report["problems"])


def test_a36_a37_one_variant_only() -> None:
    blind = report_of(mk(lambda r: r.__setitem__(slice(None), [x for x in r if x["variant"] == "no_image"])))
    assert "toy_mcq: no 'original' records, so no paired metric can be computed" in blind["problems"]
    assert any(w.startswith("UNPAIRED toy_mcq: 5 item(s)") for w in blind["warnings"])
    seen = report_of(mk(lambda r: r.__setitem__(slice(None), [x for x in r if x["variant"] == "original"])))
    assert set(seen["benchmarks"]["toy_mcq"]) == {"acc_original", "invalid_rate_original"}


def test_a38_one_item_and_one_record_say_their_n() -> None:
    one_item = report_of(example(9))
    assert one_item["benchmarks"]["toy_mcq"]["mg_no_image"]["n"] == 1
    assert any(w.startswith("FEW PAIRS toy_mcq") and "mg_no_image (n=1)" in w for w in one_item["warnings"])
    one_record = report_of(example(1))
    assert one_record["benchmarks"]["toy_mcq"]["acc_original"] == {
        "value": 1.0,
        "ci_low": None,
        "ci_high": None,
        "n": 1,
        "p_value": None,
        "p_holm": None,
    }


def test_a39_a_one_megabyte_answer_is_scored() -> None:
    report = report_of(mk(lambda r: [foreign(r), r[0].update(response="x" * 1_000_000)]))
    assert report["benchmarks"]["toy_mcq"]["invalid_rate_original"]["value"] == pytest.approx(1 / 5)
