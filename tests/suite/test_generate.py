"""The suite's lite twins, groups, bindings and README model-call tables are the generated ones, and a
new benchmark needs only its adapter module and its task YAML: the generator writes the rest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import mb_tasks
from mb_tasks.benchmarks.base import LITE_VARIANTS
from mb_tasks.records import VARIANTS
from mb_tasks.suite.bindings import binding_name
from mb_tasks.suite.generate import GENERATED, LITE_MAX_ITEMS, generate

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(mb_tasks.__file__).parent

NEW_ADAPTER = '''"""A benchmark added by the test: yes/no questions read from a JSON lines file."""

from mb_tasks.benchmarks.base import BenchmarkAdapter, Item, register


@register
class NewBenchAdapter(BenchmarkAdapter):
    name = "newbench"
    image_columns = ()
    full_items = 310  # the test's file

    def item(self, doc, index):
        return Item(doc["id"], "newbench", "yesno", doc["answer"], image_key=doc["id"])

    def base_text(self, doc, lmms_eval_specific_kwargs):
        return doc["question"]
'''

NEW_YAML = """include: ../_modbias_template_yaml
task: modbias_newbench
process_docs: !function utils.process_docs_modbias_newbench
dataset_path: json
dataset_kwargs:
  data_files:
    test: {data}
test_split: test
lmms_eval_specific_kwargs:
  default: {{}}
  llava_hf: {{modbias_no_image: gray_image}}
metadata:
  version: 0.1
  modbias:
    benchmark: newbench
"""

#: Run with the copy on the path: lmms-eval's own TaskManager over the copy's task folder.
LMMS_EVAL_VIEW = """
import json, sys
from lmms_eval.tasks import TaskManager
from lmms_eval.utils import load_yaml_config

manager = TaskManager("WARNING", include_path=sys.argv[1], include_defaults=False)
groups = {
    group: load_yaml_config(yaml_path=manager.task_index[group]["yaml_path"], mode="simple")["task"]
    for group in ("modbias_suite", "modbias_suite_lite")
}
(lite,) = manager.load_task_or_group(["modbias_newbench_lite"]).values()
docs = lite.test_docs()
print(json.dumps({"groups": groups, "tagged": manager.task_index["modbias"]["task"],
                  "variants": list(docs["variant"]), "items": len(set(docs["pair_id"]))}))
"""


def _files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (bytecode caches left out) -> its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _python(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python ARGUMENTS`` with the copy ``root`` first on the path, offline."""
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, *arguments], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_committed_files_are_what_the_generator_writes() -> None:
    assert generate().out_of_date() == []


FOLDER = Path("mb_tasks/task_yamls/modbias_newbench")
#: The two files a contributor writes, and what the generator adds or changes.
ADDED = {"mb_tasks/benchmarks/newbench.py", str(FOLDER / "modbias_newbench.yaml")}
GENERATED_FILES = {
    str(FOLDER / "modbias_newbench_lite.yaml"), str(FOLDER / "utils.py"), "README.md",
    "mb_tasks/task_yamls/groups/modbias_suite.yaml", "mb_tasks/task_yamls/groups/modbias_suite_lite.yaml",
}  # fmt: skip


@dataclass(frozen=True)
class NewBenchmark:
    """A copy of the package and README with a new benchmark's two files, before and after the
    generator ran; what its check said before."""

    root: Path
    before: dict[str, bytes]
    after: dict[str, bytes]
    check: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def new_benchmark(tmp_path_factory: pytest.TempPathFactory) -> NewBenchmark:
    tmp_path = tmp_path_factory.mktemp("new_benchmark")
    root = tmp_path / "checkout"
    shutil.copytree(PACKAGE, root / "mb_tasks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "README.md", root / "README.md")
    data = tmp_path / "newbench.jsonl"
    rows = [
        {"id": f"q{i}", "question": f"Is {i} even?", "answer": "no" if i % 2 else "yes"} for i in range(310)
    ]
    data.write_text("\n".join(map(json.dumps, rows)) + "\n")
    before = _files(root)
    (root / FOLDER).mkdir()
    (root / "mb_tasks/benchmarks/newbench.py").write_text(NEW_ADAPTER)
    (root / FOLDER / "modbias_newbench.yaml").write_text(NEW_YAML.format(data=data))
    check = _python(root, "-m", "mb_tasks.suite.generate")
    assert _python(root, "-m", "mb_tasks.suite.generate", "--write").returncode == 0
    return NewBenchmark(root, before, _files(root), check)


def test_the_check_lists_what_a_new_benchmark_still_needs(new_benchmark: NewBenchmark) -> None:
    assert new_benchmark.check.returncode == 1
    listed = {line.split(":")[0] for line in new_benchmark.check.stderr.splitlines()}
    assert listed == {str(new_benchmark.root / name) for name in GENERATED_FILES}


def test_the_generator_writes_everything_else_and_nothing_more(new_benchmark: NewBenchmark) -> None:
    before, after = new_benchmark.before, new_benchmark.after
    assert {name for name in after if before.get(name) != after[name]} == ADDED | GENERATED_FILES
    assert _python(new_benchmark.root, "-m", "mb_tasks.suite.generate").returncode == 0


def test_the_lite_twin_has_the_lite_settings_and_both_tasks_a_binding(new_benchmark: NewBenchmark) -> None:
    text = (new_benchmark.root / FOLDER / "modbias_newbench_lite.yaml").read_text()
    lite = yaml.safe_load(text.replace("!function ", ""))
    assert lite["include"] == "modbias_newbench.yaml"
    assert lite["process_docs"] == f"utils.{binding_name('modbias_newbench_lite')}"
    assert lite["metadata"]["modbias"] == {
        "benchmark": "newbench", "variants": list(LITE_VARIANTS), "max_items": LITE_MAX_ITEMS,
    }  # fmt: skip
    utils = (new_benchmark.root / FOLDER / "utils.py").read_text()
    for task in ("modbias_newbench", "modbias_newbench_lite"):
        assert f'{binding_name(task)} = process_docs_for(__file__, "{task}.yaml")' in utils


def test_the_readme_tables_gain_its_rows(new_benchmark: NewBenchmark) -> None:
    readme = (new_benchmark.root / "README.md").read_text()
    assert f"| modbias_newbench | 310 | {', '.join(VARIANTS)} | 2,480 |" in readme  # 8 + no native pairs
    assert "| modbias_newbench_lite | 300 | original, no_image, misleading_hint | 900 |" in readme


def test_lmms_eval_finds_it_in_both_groups_and_builds_its_lite_twin(new_benchmark: NewBenchmark) -> None:
    root = new_benchmark.root
    view = _python(root, "-c", LMMS_EVAL_VIEW, str(root / "mb_tasks" / "task_yamls"))
    assert view.returncode == 0, view.stderr[-3000:]
    seen = json.loads(view.stdout.strip().splitlines()[-1])
    assert "modbias_newbench" in seen["groups"]["modbias_suite"]
    assert "modbias_newbench_lite" in seen["groups"]["modbias_suite_lite"]
    assert {"modbias_newbench", "modbias_newbench_lite"} <= set(seen["tagged"])
    assert seen["items"] == LITE_MAX_ITEMS  # the seeded subset of the 310 items
    assert seen["variants"] == list(LITE_VARIANTS) * LITE_MAX_ITEMS  # item-major rows


def _task_yaml(folder: Path, task: str, benchmark: str, process_docs: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    settings = f"metadata:\n  modbias:\n    benchmark: {benchmark}\n"
    text = f"task: {task}\nprocess_docs: !function {process_docs}\n{settings}"
    (folder / f"{task}.yaml").write_text(text)


def test_stale_generated_files_and_unbound_yamls_are_listed(tmp_path: Path) -> None:
    """A generated twin whose benchmark left the suite is an orphan (--write deletes it); a YAML binding
    another task's process_docs is named; files of benchmarks outside the suite are not generated."""
    _task_yaml(tmp_path / "modbias_pope", "modbias_pope", "pope", "utils.process_docs_modbias_pope")
    _task_yaml(tmp_path / "modbias_synth", "modbias_synth", "synth", "utils.process_docs_modbias_pope")
    orphan = tmp_path / "modbias_synth" / "modbias_synth_lite.yaml"
    orphan.write_text(f"{GENERATED}\ntask: modbias_synth_lite\n")
    generation = generate(tmp_path, readme=tmp_path / "no_readme.md")
    assert set(generation.files) == {
        tmp_path / "modbias_pope" / "modbias_pope_lite.yaml", tmp_path / "modbias_pope" / "utils.py",
        tmp_path / "modbias_synth" / "utils.py",
        tmp_path / "groups" / "modbias_suite.yaml", tmp_path / "groups" / "modbias_suite_lite.yaml",
    }  # fmt: skip
    assert generation.orphans == (orphan,)
    assert generation.problems == (
        f"{tmp_path / 'modbias_synth' / 'modbias_synth.yaml'}: sets metadata but binds process_docs to "
        "'utils.process_docs_modbias_pope', not `!function utils.process_docs_modbias_synth`",
    )
    assert len(generation.out_of_date()) == len(generation.files) + 2
    generation.write()
    assert not orphan.exists()
    assert generate(tmp_path, readme=tmp_path / "no_readme.md").out_of_date() == list(generation.problems)
