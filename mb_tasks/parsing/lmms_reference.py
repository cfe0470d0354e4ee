"""lmms-eval's own scoring code, loaded without importing ``lmms_eval.tasks``.

lmms-eval 0.7.3 makes its scorer modules importable only as ``lmms_eval.tasks.<task>.utils``, and
``lmms_eval/tasks/__init__.py`` imports its task machinery, torch and transformers (about 10 s, for
``modbias report`` too). The two scorer modules we reuse (VQA answer normalization, ChartQA relaxed
accuracy) only need ``re``, so we load those files from the installed lmms-eval (found through its
package spec) and call the official functions unchanged.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType


@cache
def load_lmms_eval_module(relative_path: str) -> ModuleType:
    """Load ``lmms_eval/<relative_path>`` as a standalone module."""
    spec = importlib.util.find_spec("lmms_eval")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("lmms-eval is not installed; install modbias with its dependencies")
    path = Path(next(iter(spec.submodule_search_locations))) / relative_path
    module_name = "mb_tasks._lmms_eval_" + relative_path.replace("/", "_").removesuffix(".py")
    module_spec = importlib.util.spec_from_file_location(module_name, path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module
