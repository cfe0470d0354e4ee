"""Suite overhead: per-request wall time of ``modbias_synth`` (and of ``modbias_synth_video``) under
lmms-eval's ``dummy`` model against a plain task over the same rendered requests, side by side in one
run; and peak memory of the expansion against loading the base dataset alone.

The plain task holds every request of the modbias task pre-rendered (prompt text and PNG image, or
for the video task the clip file, copied, or the still; one row per request, scored by the same
parser), so the difference is exactly what the suite adds: expansion, lazy rendering and transforms
(for video: each item's clip rendered once for all its variants, the variant clips looked up in the
clip cache by content hash), records and metric aggregation. The dummy model is run with
``read_bytes=1`` so that it calls ``doc_to_visual`` for every request and opens every file, and for
the video task with ``decode_num_frames=8``, so that it decodes every clip, as a real model does.
Rounds alternate (plain, modbias, plain, ...) and the median per-request time of each is compared;
the video task's clip cache is a fresh folder, filled in the first round like a first run.

Memory is measured in fresh subprocesses (same imports) for: loading the base dataset alone, and
loading it and expanding it; for modbias_synth (text specs) and for an image benchmark (the rendered
originals as a PNG column, memory-mapped by ``datasets``). Two numbers each: the process's peak
resident memory (VmHWM, the bar's measure) and the peak of Python (tracemalloc) plus Arrow
allocations made by the load (and expansion), which shows what the expansion itself allocates.

Last lines: the overhead ratio of each task (target <= 1.10). Run: ``.venv/bin/python
bench/overhead.py`` (``--no-video`` skips the video task).
"""

from __future__ import annotations

import argparse
import json
import os
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
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, encoded_image_key, register  # noqa: E402
from mb_tasks.benchmarks.synth.items import DEFAULT_ITEMS_PATH, prompt_text  # noqa: E402
from mb_tasks.lmms import doc_to_target, doc_to_text, doc_to_visual  # noqa: E402
from mb_tasks.lmms.rows import row_options  # noqa: E402
from mb_tasks.lmms.settings import TaskSettings  # noqa: E402
from mb_tasks.lmms.task import expand_for  # noqa: E402
from mb_tasks.records import MODALITY_VARIANTS, VARIANTS  # noqa: E402
from mb_tasks.task_folders import SYNTH_VIDEO_ITEMS, TASK_YAMLS  # noqa: E402
from mb_tasks.variants.clips import CLIP_CACHE_ENV  # noqa: E402

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


def synth_base(items: Path = DEFAULT_ITEMS_PATH) -> datasets.Dataset:
    return datasets.load_dataset("json", data_files={"test": str(items)}, split="test")


#: task -> (its benchmark, its items file, its variants, the dummy model's arguments) of the tasks
#: timed against a plain twin: the dummy calls doc_to_visual and opens each file, and decodes the 8
#: frames of each clip, as a video model does.
TIMED: dict[str, tuple[str, Path, tuple[str, ...], str]] = {
    "modbias_synth": ("synth", DEFAULT_ITEMS_PATH, VARIANTS, "read_bytes=1"),
    "modbias_synth_video": (
        "synth_video", SYNTH_VIDEO_ITEMS, MODALITY_VARIANTS["video"], "read_bytes=1,decode_num_frames=8"
    ),
}  # fmt: skip


def write_plain_task(folder: Path, task: str) -> int:
    """The plain twin of ``task`` (``plain_<task>``): every request pre-rendered, one row each."""
    benchmark, items, variants, _ = TIMED[task]
    rows = expand_for(synth_base(items), TaskSettings(benchmark, variants))
    clips = folder / "clips"
    clips.mkdir(exist_ok=True)
    columns: dict[str, list[Any]] = {
        "text": [], "image": [], "video": [], "answer_type": [], "target": [], "options": []
    }  # fmt: skip
    for row in rows:
        [visual] = doc_to_visual(row) or [None]
        if isinstance(visual, str):  # a clip file: the plain task reads its own copy
            visual = shutil.copy(visual, clips / Path(visual).name)
        columns["text"].append(doc_to_text(row, None))
        columns["image"].append(IMAGE.encode_example(visual) if isinstance(visual, Image.Image) else None)
        columns["video"].append(str(visual) if isinstance(visual, (str, Path)) else None)
        columns["answer_type"].append(row["answer_type"])
        columns["target"].append(doc_to_target(row))
        columns["options"].append(list(row_options(row) or []))
    features = datasets.Features(
        {
            "text": datasets.Value("string"),
            "image": IMAGE,
            "video": datasets.Value("string"),
            "answer_type": datasets.Value("string"),
            "target": datasets.Value("string"),
            "options": datasets.Sequence(datasets.Value("string")),
        }
    )
    data = folder / f"data_{task}"
    datasets.DatasetDict({"test": datasets.Dataset.from_dict(columns, features=features)}).save_to_disk(
        str(data)
    )
    shutil.copy(PLAIN_UTILS, folder / "utils.py")
    (folder / f"plain_{task}.yaml").write_text(
        f"task: plain_{task}\n"
        f"dataset_path: {data}\n"
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


def time_rounds(plain_folder: Path, tasks: list[str], rounds: int) -> dict[str, list[float]]:
    """Wall seconds of each round of each task and its plain twin, alternating."""
    from lmms_eval.evaluator import simple_evaluate
    from lmms_eval.tasks import TaskManager

    manager = TaskManager(
        "WARNING",
        include_path=[str(TASK_YAMLS), str(plain_folder)],
        include_defaults=False,
        model_name="dummy",
    )
    seconds: dict[str, list[float]] = {name: [] for task in tasks for name in (f"plain_{task}", task)}
    for _ in range(rounds):
        for task in seconds:
            model_args = TIMED[task.removeprefix("plain_")][3]
            start = time.perf_counter()
            simple_evaluate(
                model="dummy", model_args=model_args, tasks=[task], task_manager=manager,
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
    parser.add_argument("--no-video", action="store_true", help="time modbias_synth only")
    parser.add_argument("--memory", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--expand", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        print(*measure_memory(args.memory, args.expand, args.data or None))
        return
    tasks = ["modbias_synth"] if args.no_video else list(TIMED)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        os.environ[CLIP_CACHE_ENV] = str(folder / "clip_cache")
        requests = {task: write_plain_task(folder, task) for task in tasks}
        shutil.rmtree(folder / "clip_cache", ignore_errors=True)  # the modbias task's first round writes them
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
        seconds = time_rounds(folder, tasks, args.rounds)
    for task in tasks:
        per_request = {
            name: statistics.median(seconds[name]) / requests[task] for name in (f"plain_{task}", task)
        }
        for name, value in per_request.items():
            print(
                f"{name}: {requests[task]} requests, median {value * 1e3:.3f} ms per request "
                f"over {args.rounds} rounds"
            )
    for task in tasks:
        ratio = statistics.median(seconds[task]) / statistics.median(seconds[f"plain_{task}"])
        print(f"overhead ratio {task} / plain: {ratio:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
