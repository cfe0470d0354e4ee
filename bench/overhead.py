"""Suite overhead: per-request wall time of ``modbias_synth`` under lmms-eval's ``dummy`` model
against a plain task over the same rendered requests, side by side in one run; and peak memory of
the expansion against loading the base dataset alone.

The plain task holds every request of modbias_synth pre-rendered (prompt text and PNG image, one row
per request, scored by the same parser), so the difference is exactly what the suite adds: expansion,
lazy rendering and transforms, records and metric aggregation. The dummy model is run with
``read_bytes=1`` so that it calls ``doc_to_visual`` for every request, as a real model does.
Rounds alternate (plain, modbias, plain, ...) and the median per-request time of each is compared.

Memory is measured in fresh subprocesses (same imports) for: loading the base dataset alone, and
loading it and expanding it; for modbias_synth (text specs) and for an image benchmark (the rendered
originals as a PNG column, memory-mapped by ``datasets``). Two numbers each: the process's peak
resident memory (VmHWM, the bar's measure) and the peak of Python (tracemalloc) plus Arrow
allocations made by the load (and expansion), which shows what the expansion itself allocates.

Last line: the overhead ratio (target <= 1.10). Run: ``.venv/bin/python bench/overhead.py``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, encoded_image_key, register  # noqa: E402
from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH, prompt_text  # noqa: E402
from mb_tasks.lmms import doc_to_target, doc_to_text, doc_to_visual  # noqa: E402
from mb_tasks.lmms.rows import row_options  # noqa: E402
from mb_tasks.lmms.settings import TaskSettings  # noqa: E402
from mb_tasks.lmms.task import expand_for  # noqa: E402
from mb_tasks.records import VARIANTS  # noqa: E402
from mb_tasks.task_folders import TASK_YAMLS  # noqa: E402

PLAIN_UTILS = Path(__file__).resolve().parent / "plain_synth" / "utils.py"
IMAGE = datasets.Image()


@register
class RenderedAdapter(BenchmarkAdapter):
    """The synth originals as an image benchmark (PNG column), for the memory measurement."""

    name = "bench_rendered"

    def item(self, doc: dict[str, Any], index: int) -> Item:
        return Item(
            pair_id=doc["id"], category=doc["category"], answer_type=doc["answer_type"], target=doc["target"],
            options=tuple(doc["options"]) or None, image_key=encoded_image_key(doc["image"]),
        )  # fmt: skip

    def base_text(self, doc: dict[str, Any], lmms_eval_specific_kwargs: dict[str, Any] | None) -> str:
        return prompt_text(doc["question"], doc["options"])


def synth_base() -> datasets.Dataset:
    return datasets.load_dataset("json", data_files={"test": str(DEFAULT_ITEMS_PATH)}, split="test")


def write_plain_task(folder: Path) -> int:
    """The plain task: every modbias_synth request pre-rendered, one row each."""
    rows = expand_for(synth_base(), TaskSettings("synth", VARIANTS))
    records: dict[str, list[Any]] = {"text": [], "image": [], "answer_type": [], "target": [], "options": []}
    for row in rows:
        visuals = doc_to_visual(row)
        records["text"].append(doc_to_text(row, None))
        records["image"].append(IMAGE.encode_example(visuals[0]) if visuals else None)
        records["answer_type"].append(row["answer_type"])
        records["target"].append(doc_to_target(row))
        records["options"].append(list(row_options(row) or []))
    features = datasets.Features(
        {
            "text": datasets.Value("string"),
            "image": IMAGE,
            "answer_type": datasets.Value("string"),
            "target": datasets.Value("string"),
            "options": datasets.Sequence(datasets.Value("string")),
        }
    )
    datasets.DatasetDict({"test": datasets.Dataset.from_dict(records, features=features)}).save_to_disk(
        str(folder / "data")
    )
    shutil.copy(PLAIN_UTILS, folder / "utils.py")
    (folder / "plain_synth.yaml").write_text(
        "task: plain_synth\n"
        f"dataset_path: {folder / 'data'}\n"
        "dataset_kwargs:\n  load_from_disk: true\n"
        "test_split: test\noutput_type: generate_until\n"
        "doc_to_visual: !function utils.doc_to_visual\n"
        "doc_to_text: !function utils.doc_to_text\n"
        "doc_to_target: target\n"
        "process_results: !function utils.process_results\n"
        "generation_kwargs:\n  max_new_tokens: 16\n  do_sample: false\n"
        "metric_list:\n  - metric: acc\n    aggregation: mean\n    higher_is_better: true\n"
    )
    return len(rows)


def time_rounds(plain_folder: Path, rounds: int) -> dict[str, list[float]]:
    from lmms_eval.evaluator import simple_evaluate
    from lmms_eval.tasks import TaskManager

    manager = TaskManager(
        "WARNING",
        include_path=[str(TASK_YAMLS), str(plain_folder)],
        include_defaults=False,
        model_name="dummy",
    )
    seconds: dict[str, list[float]] = {"plain_synth": [], "modbias_synth": []}
    for _ in range(rounds):
        for task in seconds:
            start = time.perf_counter()
            simple_evaluate(
                model="dummy", model_args="read_bytes=1", tasks=[task], task_manager=manager,
                log_samples=False, batch_size=1, device="cpu", bootstrap_iters=0,
            )  # fmt: skip
            seconds[task].append(time.perf_counter() - start)
    return seconds


def rendered_images_dataset(folder: Path) -> Path:
    """The synth originals (rendered) as an image benchmark saved to disk."""
    from mb_tasks.benchmarks.synth import render

    items = [json.loads(line) for line in DEFAULT_ITEMS_PATH.read_text().splitlines() if line.strip()]
    rows = [
        {key: item[key] for key in ("id", "category", "answer_type", "target", "question")}
        | {"options": item["options"], "image": IMAGE.encode_example(render(item["scene"]))}
        for item in items
    ]
    features = datasets.Features(
        {
            "id": datasets.Value("string"), "category": datasets.Value("string"),
            "answer_type": datasets.Value("string"), "target": datasets.Value("string"),
            "question": datasets.Value("string"), "options": datasets.Sequence(datasets.Value("string")),
            "image": IMAGE,
        }
    )  # fmt: skip
    path = folder / "rendered"
    datasets.Dataset.from_list(rows, features=features).save_to_disk(str(path))
    return path


def peak_resident_bytes() -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) * 1024


def measure_memory(benchmark: str, expand: bool, data: str | None) -> tuple[int, int]:
    """(peak resident bytes of this process, peak Python + Arrow bytes allocated) of loading (and
    expanding) the base dataset."""
    pool = pa.default_memory_pool()
    tracemalloc.start()
    base = synth_base() if benchmark == "synth" else datasets.load_from_disk(data)
    if expand:
        expand_for(base, TaskSettings(benchmark, tuple(v for v in VARIANTS if v != "counterfactual")))
    _, peak = tracemalloc.get_traced_memory()
    return peak_resident_bytes(), peak + pool.max_memory()


def memory_in_subprocess(benchmark: str, expand: bool, data: Path | None = None) -> tuple[int, int]:
    command = [sys.executable, __file__, "--memory", benchmark, "--data", str(data or "")]
    if expand:
        command.append("--expand")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    resident, allocated = output.strip().splitlines()[-1].split()
    return int(resident), int(allocated)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--expand", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        print(*measure_memory(args.memory, args.expand, args.data or None))
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        requests = write_plain_task(folder)
        images = rendered_images_dataset(folder)
        for label, benchmark, data in (
            ("synth specs", "synth", None),
            ("rendered images", "bench_rendered", images),
        ):
            (plain_rss, plain_alloc), (expanded_rss, expanded_alloc) = (
                memory_in_subprocess(benchmark, expand, data) for expand in (False, True)
            )
            print(
                f"memory {label}: peak resident {plain_rss / 2**20:.0f} MiB loading, "
                f"{expanded_rss / 2**20:.0f} MiB loading + expanding, ratio {expanded_rss / plain_rss:.2f} "
                f"(target <= 1.5); allocated: {plain_alloc / 2**20:.1f} vs {expanded_alloc / 2**20:.1f} MiB"
            )
        seconds = time_rounds(folder, args.rounds)
    per_request = {task: statistics.median(times) / requests for task, times in seconds.items()}
    for task, value in per_request.items():
        print(
            f"{task}: {requests} requests, median {value * 1e3:.3f} ms per request over {args.rounds} rounds"
        )
    ratio = per_request["modbias_synth"] / per_request["plain_synth"]
    print(f"overhead ratio modbias_synth / plain: {ratio:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
