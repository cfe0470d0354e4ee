"""The metric catalogue: one greppable entry per metric, whose needs, tests and formulas are what the
engine does, and the files written from it are up to date."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from records_factory import mcq_record, yesno_record

from mb_tasks.benchmarks.vlind import pipeline
from mb_tasks.benchmarks.vlind.adapter import VLindAdapter
from mb_tasks.metrics import build_tables, compute_report, statistics
from mb_tasks.metrics.catalogue import (
    BENCHMARK_METRICS,
    CATALOGUE,
    FEW_PAIRS_METRICS,
    HEADLINE_METRICS,
    LEADERBOARD_METRICS,
    PAIRED_GAPS,
    PROFILE_METRICS,
    TASK_METRICS,
    metric,
)
from mb_tasks.metrics.catalogue.files import (
    METRIC_LIST_FILES,
    render_metric_list,
    stale_files,
    with_metric_list,
)
from mb_tasks.metrics.catalogue.metric import docstring_formula
from mb_tasks.metrics.extras import BenchmarkExtras, register_extras
from mb_tasks.records import ALL_VARIANTS, AUDIO_VARIANTS, VARIANTS, VIDEO_VARIANTS
from mb_tasks.suite.index import read_task_config

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = (ROOT / "mb_tasks" / "metrics" / "catalogue" / "entries.py").read_text(encoding="utf-8")
IMAGE_VARIANTS = ("no_image", "blank", "noise", "mismatch")


def _records(variants: tuple[str, ...], items: int = 6) -> list[dict]:
    """mcq and yes/no items with a record under each variant (answers vary, so every metric is defined)."""
    records = []
    for i, variant in itertools.product(range(items), variants):
        extra = {"hint_answer": "B"} if variant.startswith("misleading_hint") else {}
        extra |= {"cf_target": "C"} if variant == "counterfactual" else {}
        records.append(mcq_record(f"m{i}", variant, "ABCD"[(i + len(variant)) % 4], benchmark="b", **extra))
        if variant != "counterfactual":
            answer = "yes" if (i + len(variant)) % 3 else "no"
            records.append(yesno_record(f"y{i}", variant, answer, benchmark="b", **extra))
    return records


def test_every_metric_has_one_entry_whose_name_is_written_out() -> None:
    names = [entry.name for entry in CATALOGUE]
    assert len(names) == len(set(names))
    for name in names:  # `grep -rn <name> mb_tasks` finds the entry
        assert f'"{name}"' in ENTRIES, name


def test_families_have_one_member_per_variant_they_are_defined_for() -> None:
    members: dict[str, list[str]] = {}
    for entry in CATALOGUE:
        if entry.family:
            assert entry.name == f"{entry.family}_{entry.variant}"
            members.setdefault(entry.family, []).append(entry.variant)
    assert members == {
        "acc": list(ALL_VARIANTS),
        "invalid_rate": list(ALL_VARIANTS),
        "mg": ["no_image", "blank", "no_video", "no_audio", "silence", "noise_audio"],
        "tg": ["single_frame", "frozen_video"],
        "image_sensitivity": list(IMAGE_VARIANTS),
        "grounded_flip": list(IMAGE_VARIANTS),
        "order_sensitivity": ["shuffled_frames", "reversed_frames"],
        "yes_ratio": list(ALL_VARIANTS),
        "audio_sensitivity": list(AUDIO_VARIANTS),
    }
    assert set(members["tg"]) | set(members["order_sensitivity"]) < set(VIDEO_VARIANTS)


def test_formulas_are_the_docstrings_of_the_statistic_functions() -> None:
    for entry in CATALOGUE:
        if entry.statistic is None:
            continue
        head, formula = docstring_formula(entry.statistic)
        assert head == entry.label or (entry.variant and head.endswith("_k")), entry.name
        assert formula and entry.legend_line.startswith(f"{entry.label} = ")
    assert metric("vrs_mismatch").formula == "mean (c^original − c^mismatch) over items having both"


def test_vlind_metrics_are_its_pipeline_functions() -> None:
    assert BENCHMARK_METRICS == pipeline.PIPELINE_METRICS == VLindAdapter().extra_metrics
    for name in BENCHMARK_METRICS:
        entry = metric(name)
        assert entry.benchmark == "vlind" and entry.statistic is None
        assert docstring_formula(getattr(pipeline, name)) == (name, entry.formula)


@pytest.mark.parametrize("size", range(1, len(VARIANTS) + 1))
def test_a_table_gets_a_metric_exactly_when_it_has_the_variants_it_needs(size: int) -> None:
    for variants in itertools.islice(itertools.combinations(VARIANTS, size), 0, None, 7):
        (table,) = build_tables(_records(variants)).tables.values()
        has_yesno = variants != ("counterfactual",)  # _records has no yes/no counterfactual
        expected = [
            entry.name
            for entry in CATALOGUE
            if not entry.benchmark
            and not entry.base_llm
            and any(all(v in variants for v in option) for option in entry.needs)
            and (has_yesno or not entry.yesno)
        ]
        assert [name for name, _ in statistics(table)] == expected, variants


def test_needs_name_every_variant_the_formula_reads() -> None:
    for entry in CATALOGUE:
        if entry.benchmark or entry.name == "modality_bias_index":
            continue
        formula = entry.formula.replace("c^k", f"c^{entry.variant}").replace("a^k", f"a^{entry.variant}")
        read = set(re.findall(r"[ca]\^([a-z_]+)", formula)) | {
            v for v in ALL_VARIANTS if re.search(rf"\b(items having|acc_){v}\b", formula)
        }
        assert read <= set(entry.needs[0]), (entry.name, read)


def test_mcnemar_p_values_go_to_exactly_the_catalogues_differences() -> None:
    report = compute_report(_records(ALL_VARIANTS), resamples=0)
    tested = {name for name, result in report["benchmarks"]["b"].items() if result["p_value"] is not None}
    assert tested == {name for name in PAIRED_GAPS} == {e.name for e in CATALOGUE if e.paired_test}


def test_paired_gaps_are_the_mean_difference_of_their_two_variants() -> None:
    records = _records(ALL_VARIANTS)
    report = compute_report(records, resamples=0)["benchmarks"]["b"]
    score = {(r["pair_id"], r["variant"]): r["score"] for r in records}
    for name, (first, second) in PAIRED_GAPS.items():
        items = {p for p, v in score if v == first} & {p for p, v in score if v == second}
        by_hand = sum(score[p, first] - score[p, second] for p in items) / len(items)
        assert report[name]["value"] == pytest.approx(by_hand), name


def test_few_pairs_warning_names_the_catalogues_metrics() -> None:
    warnings = compute_report(_records(ALL_VARIANTS, items=2), resamples=0)["warnings"]
    warning = next(w for w in warnings if "FEW PAIRS" in w)
    assert re.findall(r"(\w+) \(n=", warning) == list(FEW_PAIRS_METRICS)


def test_headline_lists_keep_the_published_leaderboard_columns() -> None:
    published = json.loads((ROOT / "results" / "modbias_synth" / "leaderboard.json").read_text())
    assert list(LEADERBOARD_METRICS) == published["metrics"]
    assert LEADERBOARD_METRICS[0] == "modality_bias_index"  # sorts the rows
    assert set(PROFILE_METRICS) < set(LEADERBOARD_METRICS) < set(HEADLINE_METRICS)
    assert [m for m in HEADLINE_METRICS if m in LEADERBOARD_METRICS] == list(LEADERBOARD_METRICS)


def test_a_benchmark_statistic_outside_the_catalogue_is_refused() -> None:
    def made_up(table: object) -> list:
        return [("made_up_score", next(iter(statistics(table)))[1])]

    register_extras("catalogue_test_bench", BenchmarkExtras(statistics=made_up))
    records = [dict(r, benchmark="catalogue_test_bench") for r in _records(("original",))]
    with pytest.raises(ValueError, match=r"catalogue_test_bench: metrics \['made_up_score'\] are not"):
        compute_report(records, resamples=0)


def test_the_task_templates_metric_lists_are_the_catalogues() -> None:
    assert [file.path for file in METRIC_LIST_FILES if file.path in stale_files()] == []
    for file in METRIC_LIST_FILES:
        entries = read_task_config(file.path)["metric_list"]
        listed = [entry["metric"] for entry in entries]
        expected = [m for m in TASK_METRICS if file.benchmark_specific or m not in BENCHMARK_METRICS]
        assert listed == expected
        directions = [metric(name).higher_is_better for name in listed]
        assert [entry["higher_is_better"] for entry in entries] == directions


def test_the_generator_rewrites_only_the_metric_list() -> None:
    file = METRIC_LIST_FILES[0]
    text = file.path.read_text(encoding="utf-8")
    broken = text.replace("  - metric: mg_no_image\n", "  - metric: mg_no_imag\n").replace(
        "metric_list:\n", "metric_list:\n  - metric: stray\n"
    )
    assert broken != text
    assert with_metric_list(broken + "later_key: 1\n", render_metric_list(file)) == text + "later_key: 1\n"


def test_the_catalogue_command_finds_every_written_file_up_to_date() -> None:
    command = [sys.executable, "-m", "mb_tasks.metrics.catalogue"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
