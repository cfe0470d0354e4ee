"""The task folders the package ships (package data, found wherever modbias is installed).

``modbias include-path`` prints them for the plain harnesses:
``lmms-eval --include_path "$(modbias include-path)"`` and
``lm_eval --include_path "$(modbias include-path --lm-eval)"``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _package_folder(name: str) -> Path:
    # Installed from a wheel or editable from a checkout, the package is a folder on disk, which is
    # what the harnesses' --include_path needs.
    return Path(str(files("mb_tasks").joinpath(name)))


#: The lmms-eval task folder: one ``modbias_<benchmark>/`` folder per task, groups in ``groups/``.
TASK_YAMLS = _package_folder("task_yamls")

#: The lm-eval task folder (separate: lmms-eval indexes every YAML under its include path, and the
#: lm-eval tasks have the same names).
LM_EVAL_TASKS = _package_folder("lm_eval_tasks")

#: The synthetic benchmark's item specifications, next to its task YAML.
SYNTH_ITEMS = TASK_YAMLS / "modbias_synth" / "items.jsonl"

#: The synthetic video benchmark's item specifications, next to its task YAML.
SYNTH_VIDEO_ITEMS = TASK_YAMLS / "modbias_synth_video" / "items.jsonl"

#: The synthetic audio benchmark's item specifications, next to its task YAML.
SYNTH_AUDIO_ITEMS = TASK_YAMLS / "modbias_synth_audio" / "items.jsonl"
