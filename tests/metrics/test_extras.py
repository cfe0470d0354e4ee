"""Adapters' extras reach the metrics through the registry, and the metrics and reports stay light: no
benchmark adapter, ``datasets`` or ``torch`` unless a report's benchmark needs its adapter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from records_factory import mcq_record, yesno_record

from mb_tasks.benchmarks.base import adapter, adapter_modules
from mb_tasks.benchmarks.vlind.probes import probe_id
from mb_tasks.metrics.extras import BenchmarkExtras, add_extras_finder, extras_of, register_extras

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> dict[str, bool]:
    """Which heavy modules a fresh interpreter has loaded after running ``code``."""
    probe = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps({m: m in sys.modules for m in "
        "('datasets', 'torch', 'PIL', 'mb_tasks.benchmarks', 'mb_tasks.lmms')}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.splitlines()[-1])


def test_metrics_and_report_import_no_benchmark_datasets_or_torch() -> None:
    loaded = _modules_after("import mb_tasks.metrics, mb_tasks.report")
    assert loaded == {
        "datasets": False,
        "torch": False,
        "PIL": False,
        "mb_tasks.benchmarks": False,
        "mb_tasks.lmms": False,
    }


def test_adapters_with_extras_import_without_datasets_or_torch() -> None:
    """A report imports the adapter of each of its benchmarks that has one; those whose extras change
    the report (leak canary categories, own metrics) must stay light."""
    with_extras = [
        name
        for name in sorted(adapter_modules())
        if adapter(name).vision_required_categories or adapter(name).extra_metrics
    ]
    assert {"synth", "vlind"} <= set(with_extras)
    loaded = _modules_after("\n".join(f"import mb_tasks.benchmarks.{name}" for name in with_extras))
    assert loaded["datasets"] is False and loaded["torch"] is False and loaded["mb_tasks.lmms"] is False


def _synth_and_vlind_records() -> list[dict]:
    """Synth items that need the image (colour) answered right without it, and one VLind instance."""
    synth = [
        mcq_record(f"colour-{i}", variant, "A", benchmark="synth", category="colour")
        for i in range(40)
        for variant in ("original", "no_image")
    ]
    probes = [("ck", "factual", "original"), ("vp", "0", "original"), ("cb", "0", "original")]
    vlind = [
        yesno_record(probe_id("i1", test, image, statement), variant, "yes", benchmark="vlind", cluster="i1")
        for test, image, variant in [*probes, ("lp", "0", "counterfactual")]
        for statement in (1, 2)
    ]
    return synth + vlind


def test_the_modbias_report_process_gets_adapter_extras_without_datasets(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in _synth_and_vlind_records()), encoding="utf-8")
    out = tmp_path / "report.json"
    loaded = _modules_after(
        "from mb_tasks.cli.main import main\n"
        f"assert main(['report', {str(records)!r}, '--resamples', '0', '--json', {str(out)!r}]) == 0"
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["leak_canary"]["synth"]["value"] == 0.75 and report["leak_canary"]["synth"]["n"] == 40
    knowledge = report["benchmarks"]["vlind"]["commonsense_knowledge"]  # VLind-Bench's own metric
    assert (knowledge["value"], knowledge["n"]) == (1.0, 1)
    assert loaded["datasets"] is False and loaded["torch"] is False and loaded["mb_tasks.lmms"] is False


def test_registered_extras_and_finders() -> None:
    asked: list[str] = []

    def finder(benchmark: str) -> None:
        asked.append(benchmark)
        if benchmark == "extras_test_found":
            register_extras(benchmark, BenchmarkExtras(frozenset({"needs_image"})))

    register_extras("extras_test_given", BenchmarkExtras(frozenset({"colour"})))
    add_extras_finder(finder)
    add_extras_finder(finder)  # once is enough
    assert extras_of("extras_test_given").vision_required_categories == {"colour"}
    assert extras_of("extras_test_found").vision_required_categories == {"needs_image"}
    assert extras_of("extras_test_none") == BenchmarkExtras()
    assert extras_of("extras_test_none") == BenchmarkExtras()
    assert asked == ["extras_test_found", "extras_test_none"]  # each asked once, the given one never
    assert list(extras_of("extras_test_none").statistics(None)) == []
