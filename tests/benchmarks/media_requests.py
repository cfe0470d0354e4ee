"""What a wrapped video or audio task's rows hand a model, next to what lmms-eval's base task hands it,
printed as JSON: ``python -m tests.benchmarks.media_requests DATA_DIR BENCHMARK SPLIT PROMPT_KWARGS
[VIDEO_FRAMES]``.

It runs in its own process because lmms-eval's videomme and tempcompass utils read ``HF_HOME`` when
imported (the test sets it to the folder holding the local videos)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import datasets
from PIL import Image

from mb_tasks.benchmarks.base import adapter
from mb_tasks.benchmarks.lmms_task import base_function
from mb_tasks.lmms import doc_to_text, doc_to_visual
from mb_tasks.lmms.base_data import base_doc
from mb_tasks.lmms.settings import TaskSettings
from mb_tasks.lmms.task import expand_for


def described(visual: Any) -> Any:
    """A visual as JSON: a path as is, an image as its size, a recording as its samples and rate."""
    if isinstance(visual, Image.Image):
        return {"image": list(visual.size)}
    if isinstance(visual, dict):
        return {"samples": [float(x) for x in visual["array"]], "rate": visual["sampling_rate"]}
    return visual


def requests(
    data_dir: Path, benchmark: str, split: str, prompt_kwargs: dict[str, Any], video_frames: int | None
) -> list[dict[str, Any]]:
    """Every row's variant, visuals and text, with the base task's visuals and text of its item."""
    bench = adapter(benchmark)
    settings = TaskSettings(benchmark, bench.default_variants, video_frames=video_frames)
    rows = expand_for(datasets.load_from_disk(str(data_dir / benchmark))[split], settings)
    to_visual, _ = base_function(bench.base_module, bench.base_doc_to_visual)
    to_text, _ = base_function(bench.base_module, bench.base_doc_to_text)
    found = []
    for row in rows:
        doc = base_doc(row["base_files"], row["base_index"])
        base_visuals = [] if bench.modality == "audio" else to_visual(doc)  # audio: datasets cannot decode it
        found.append({
            "pair_id": row["pair_id"], "variant": row["variant"], "donor_index": row["donor_index"],
            "visuals": [described(visual) for visual in doc_to_visual(row, prompt_kwargs)],
            "text": doc_to_text(row, prompt_kwargs),
            "base_visuals": base_visuals, "base_text": to_text(doc, prompt_kwargs),
        })  # fmt: skip
    return found


if __name__ == "__main__":
    folder, name, split_name = sys.argv[1:4]
    kwargs = json.loads(sys.argv[4])
    frames = int(sys.argv[5]) if len(sys.argv) > 5 else None
    print(json.dumps(requests(Path(folder), name, split_name, kwargs, frames)))
