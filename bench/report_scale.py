"""``modbias report`` at scale: wall time and peak memory against a bare ``json.loads`` loop over the
same files, side by side in one run.

The logs are lmms-eval ``--log_samples`` output shaped as a real run writes it: the sample lines of
``modbias_synth`` (640 items x 9 variants) answered by the four reference models, one samples file
per benchmark (as lmms-eval writes them, next to a results file). Two shapes:

- the goal run: BENCHMARKS benchmarks (``synth000``, ``synth001``, ...) of one copy each
  (230,400 records for 40);
- the full suite's shape: one benchmark per ``modbias_suite`` task (``shape_ai2d``, ...) with as many
  records as the task makes model calls on its full dataset (2,277,114 in all, 1.7 M of them
  VQAv2's), the template's items repeated under new ids.

The template lines are those of results/modbias_synth when its sample logs are there
(``results/modbias_synth/reproduce.sh`` writes them), else of a ``modbias run`` of each reference
model made here.

Three commands are measured, each in a fresh subprocess (wall time, and peak resident memory: the
process's own VmHWM, Linux): the bare loop; ``modbias report --resamples 0`` (reading, screening,
tables and every point estimate: the work that grows with the logs); and ``modbias report`` as run by
default (10,000 bootstrap resamples per metric on the CPUs there are: a cost that grows with
benchmarks x metrics, not with the size of the logs). They alternate over ROUNDS rounds after one
pass that warms the page cache, and the fastest round of each is compared. Goals (issue 12), on the
goal run: report wall time <= 1.5x the bare loop (measured on ``--resamples 0``; the default
report's ratio is printed too) and peak RSS <= 250 MB (both reports); on the full suite's shape, the
default report's time <= 1.5x the bare loop. The last lines give the figures against their targets.

Run: ``.venv/bin/python bench/report_scale.py`` (``--no-full-suite`` skips the full suite's shape,
which writes 5.5 GB of logs; ``--gzip`` writes ``.jsonl.gz`` logs where disk is short; ``--dir D
--keep`` keeps the logs in D and reuses them on the next run).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ("modbias_oracle", "modbias_blind", "modbias_text_follower", "modbias_leaky")
TEMPLATE_BENCHMARK = b'"benchmark": "synth"'
TEMPLATE_PAIR = b'"pair_id": "'
TIME_TARGET, MEMORY_TARGET_MB = 1.5, 250.0
#: What the report needs besides the logs, per byte of uncompressed log (the --json output, slack).
DISK_SLACK = 1.1

#: Prepended to each measured script: at exit it writes the process's peak resident memory (VmHWM,
#: counted from its own start: a forked child's ru_maxrss also counts its parent's pages).
PEAK = """import atexit, sys
def _peak():
    with open("/proc/self/status") as status:
        sys.stderr.write(next(line for line in status if line.startswith("VmHWM")))
atexit.register(_peak)
"""
BARE_LOOP = (
    PEAK
    + """import gzip, json
for name in sys.argv[1:]:
    with (gzip.open(name, "rb") if name.endswith(".gz") else open(name, "rb")) as handle:
        for line in handle:
            json.loads(line)
"""
)
REPORT = PEAK + "from mb_tasks.cli.main import main\nsys.exit(main())"


@dataclass(frozen=True)
class Measure:
    """One subprocess's wall time (s) and peak resident memory (MB)."""

    wall_s: float
    peak_mb: float


def measure(command: list[str]) -> Measure:
    """Run ``command`` (a script that starts with PEAK; output discarded): its wall time and peak RSS;
    RuntimeError if it fails."""
    environment = {**os.environ, "MODBIAS_PROGRESS": "0"}
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    wall = time.perf_counter() - start
    stderr = done.stderr.decode(errors="replace")
    if done.returncode:
        raise RuntimeError(f"{command[:4]} failed ({done.returncode}): {stderr[-2000:]}")
    peak_kb = int(stderr.rsplit("VmHWM:", 1)[1].split()[0])
    return Measure(wall, peak_kb / 1024)


def template_lines(work: Path) -> dict[str, list[bytes]]:
    """Each reference model's modbias_synth sample lines: from results/modbias_synth, else a run here."""
    lines: dict[str, list[bytes]] = {}
    for model in MODELS:
        found = sorted((ROOT / "results" / "modbias_synth" / model).glob("*_samples_modbias_synth.jsonl"))
        if not found:
            out = work / "templates" / model
            found = sorted(out.glob("*_samples_modbias_synth.jsonl"))
            if not found:
                print(f"running {model} on modbias_synth for template lines ...", file=sys.stderr)
                environment = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
                subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        REPORT,
                        "run",
                        "--model",
                        model,
                        "--tasks",
                        "modbias_synth",
                        "--log_samples",
                        "--output_path",
                        str(out),
                    ],
                    check=True,
                    env=environment,
                    stdout=subprocess.DEVNULL,
                )
                found = sorted(out.glob("*_samples_modbias_synth.jsonl"))
        lines[model] = found[0].read_bytes().splitlines(keepends=True)
        if not all(line.count(TEMPLATE_BENCHMARK) == 1 for line in lines[model]):
            raise RuntimeError(f"{found[0]}: a line without exactly one {TEMPLATE_BENCHMARK!r}")
    return lines


def suite_shape() -> dict[str, int]:
    """The full suite's shape: each modbias_suite task's model calls on its full dataset (one record each)."""
    from mb_tasks.suite.calls import task_calls
    from mb_tasks.suite.index import suite_index
    from mb_tasks.task_folders import TASK_YAMLS

    entries = suite_index(TASK_YAMLS).expand(["modbias_suite"])
    return {entry.name.replace("modbias_", "shape_", 1): task_calls(entry).calls for entry in entries}


def synthetic_shape(benchmarks: int, records: int) -> dict[str, int]:
    """``benchmarks`` benchmarks of ``records`` records each (synth000, synth001, ...)."""
    return {f"synth{index:03d}": records for index in range(benchmarks)}


def whole_items(records: int, lines: list[bytes]) -> int:
    """``records`` rounded down to whole items of the template (at least one item)."""
    per_item = len(lines) // len({line.split(TEMPLATE_PAIR, 1)[1].split(b'"', 1)[0] for line in lines})
    return max(per_item, records - records % per_item)


def benchmark_lines(name: str, records: int, lines: list[bytes]) -> bytes:
    """:func:`whole_items` of ``records`` sample lines of ``name``: the template's lines (item by
    item, as the template orders them) repeated, each repeat's items renamed (``r1-synth-...``) so
    that they stay distinct."""
    renamed = f'"benchmark": "{name}"'.encode()
    wanted = whole_items(records, lines)
    chunks = []
    for repeat in range(-(-wanted // len(lines))):
        prefix = TEMPLATE_PAIR + (f"r{repeat}-".encode() if repeat else b"")
        chunks += [
            line.replace(TEMPLATE_BENCHMARK, renamed).replace(TEMPLATE_PAIR, prefix)
            for line in lines[: wanted - repeat * len(lines)]
        ]
    return b"".join(chunks)


def generate(
    out: Path, shape: dict[str, int], templates: dict[str, list[bytes]], compress: bool
) -> list[Path]:
    """One samples file per benchmark of ``shape`` (benchmark -> records; the reference models' lines
    in turn; one already there is kept), and a results file; the sample files."""
    out.mkdir(parents=True, exist_ok=True)
    results = next((ROOT / "results" / "modbias_synth" / MODELS[0]).glob("*_results.json"), None)
    if results is not None:
        shutil.copy(results, out / "20261202_000000_results.json")
    files = []
    for index, (name, records) in enumerate(shape.items()):
        path = out / f"20261202_000000_samples_modbias_{name}.jsonl{'.gz' if compress else ''}"
        files.append(path)
        if path.exists():  # kept from an earlier run (--dir, --keep)
            continue
        data = benchmark_lines(name, records, templates[MODELS[index % len(MODELS)]])
        path.write_bytes(gzip.compress(data, compresslevel=1, mtime=0) if compress else data)
    return files


def warm(files: list[Path]) -> None:
    """Read every file once, so that the first timed pass does not pay for the disk."""
    for path in files:
        with path.open("rb") as handle:
            while handle.read(1 << 24):
                pass


#: What is measured: the bare loop, the report without intervals (reading, screening, tables and
#: every point estimate: what grows with the logs) and the report as run by default.
BARE, READ, FULL = "bare json.loads loop", "report --resamples 0", "report (10,000 resamples)"


def compare(out: Path, files: list[Path], rounds: int) -> dict[str, Measure]:
    """The fastest of ``rounds`` alternating runs of each command over ``files``, each run printed."""
    report = [sys.executable, "-c", REPORT, "report", str(out), "--json", str(out / "report.json")]
    commands = {
        BARE: [sys.executable, "-c", BARE_LOOP, *map(str, files)],
        READ: [*report, "--resamples", "0"],
        FULL: report,
    }
    runs: dict[str, list[Measure]] = {name: [] for name in commands}
    for round_number in range(1, rounds + 1):
        for name, command in commands.items():
            runs[name].append(measure(command))
        print(
            f"  round {round_number}: "
            + " | ".join(f"{name} {m[-1].wall_s:6.2f} s {m[-1].peak_mb:6.1f} MB" for name, m in runs.items()),
            flush=True,
        )
    return {name: min(measures, key=lambda m: m.wall_s) for name, measures in runs.items()}


def size_run(
    work: Path,
    label: str,
    shape: dict[str, int],
    templates: dict[str, list[bytes]],
    args: argparse.Namespace,
    rounds: int,
) -> tuple[int, dict[str, Measure]]:
    """Generate, measure and print one shape of logs (benchmark -> records); its records and fastest
    measures. The logs are deleted unless --keep."""
    out = work / label
    line_bytes = sum(map(len, templates[MODELS[0]])) / len(templates[MODELS[0]])
    needed = sum(shape.values()) * line_bytes * DISK_SLACK
    compress = args.gzip or shutil.disk_usage(work).free < 2 * needed
    files = generate(out, shape, templates, compress)
    records = sum(
        whole_items(count, templates[MODELS[index % len(MODELS)]])
        for index, count in enumerate(shape.values())
    )
    print(
        f"{records:,} records in {len(shape)} benchmarks, {label} ({'gzip' if compress else 'plain'} logs):",
        flush=True,
    )
    size_mb = sum(path.stat().st_size for path in files) / 1e6
    print(f"  {len(files)} sample files, {size_mb:,.0f} MB", flush=True)
    warm(files)
    fastest = compare(out, files, rounds)
    bare = fastest[BARE]
    for name, measure_ in fastest.items():
        print(
            f"  {name:28s} {measure_.wall_s:7.2f} s ({measure_.wall_s / bare.wall_s:5.2f}x the bare loop), "
            f"peak {measure_.peak_mb:7.1f} MB",
            flush=True,
        )
    if not args.keep:
        shutil.rmtree(out)
    return records, fastest


def verdict(ratio: float, peak: float | None = None) -> str:
    """ "met" or "NOT met": the time ratio (and the peak, when given) against the targets."""
    return "met" if ratio <= TIME_TARGET and (peak is None or peak <= MEMORY_TARGET_MB) else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--benchmarks", type=int, default=40, help="benchmarks of the goal run (40)")
    parser.add_argument(
        "--no-full-suite",
        action="store_true",
        help="skip the run shaped like the full suite (5.5 GB of logs)",
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of the goal run (2)")
    parser.add_argument("--gzip", action="store_true", help="write .jsonl.gz logs")
    parser.add_argument("--dir", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the generated logs")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="modbias_report_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    templates = template_lines(work)
    shape = synthetic_shape(args.benchmarks, len(templates[MODELS[0]]))
    records, fastest = size_run(work, f"run_{args.benchmarks}", shape, templates, args, args.rounds)
    suite = None
    if not args.no_full_suite:
        suite = size_run(work, "full_suite_shape", suite_shape(), templates, args, 1)
    if args.dir is None and not args.keep:
        shutil.rmtree(work)
    read_ratio = fastest[READ].wall_s / fastest[BARE].wall_s
    peak = max(fastest[READ].peak_mb, fastest[FULL].peak_mb)
    print(
        f"{records:,} records: {READ} / bare loop time {read_ratio:.2f}x (target <= {TIME_TARGET}x); "
        f"report peak RSS {peak:.0f} MB (target <= {MEMORY_TARGET_MB:.0f} MB): goals "
        f"{verdict(read_ratio, peak)}; the default report {fastest[FULL].wall_s / fastest[BARE].wall_s:.2f}x"
    )
    if suite is not None:
        suite_records, suite_fastest = suite
        full_ratio = suite_fastest[FULL].wall_s / suite_fastest[BARE].wall_s
        print(
            f"{suite_records:,} records shaped like the full suite: the default report / bare loop time "
            f"{full_ratio:.2f}x (target <= {TIME_TARGET}x): {verdict(full_ratio)}; peak RSS "
            f"{suite_fastest[FULL].peak_mb:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
