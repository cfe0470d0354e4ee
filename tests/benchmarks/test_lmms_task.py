"""Options and golds read from base documents, items clustered by image (shared by the adapters of
real lmms-eval tasks), and the original variant as the base lmms-eval task: for mmstar, pope and
scienceqa_img, both tasks are built by lmms-eval's own TaskManager from the same local copy, and every
original row's request (prompt, generation kwargs, images) equals the base task's request for that
item, and acc_original equals the base task's accuracy on the same answers (scored by each task's
own process_results and aggregation)."""

from __future__ import annotations

from pathlib import Path
from statistics import fmean
from typing import Any

import lmms_eval
import pytest
import yaml

from mb_tasks.benchmarks.base import ItemError, encoded_image_key
from mb_tasks.benchmarks.lmms_task import clustered_item, gold_letter, inline_options
from mb_tasks.suite.index import suite_index
from mb_tasks.suite.local_data import write_local_tree
from mb_tasks.task_folders import TASK_YAMLS
from tests.benchmarks.local_data import png, save_local_copy


def test_inline_options_are_read_in_letter_order():
    question = "What is it?\nOptions: A: a cat, B: a dog, C: a red car, D: birds"
    assert inline_options(question, "q1") == ("a cat", "a dog", "a red car", "birds")
    assert inline_options("Q?\nOptions: A: yes it is, B: no it is not", "q2") == ("yes it is", "no it is not")


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("Q with no options?", "no options in the question"),
        ("Q?\nOptions:", "no options in the question"),
        ("Q?\nOptions: A: , B: ", "no options in the question"),
        ("Q?\nOptions: A: cat, C: car", "option B has no text in the question"),
        ("Q?\nOptions: A: cat", "1 option"),
    ],
)
def test_a_question_without_usable_options_names_the_item(question, problem):
    with pytest.raises(ItemError, match=rf"^item q-9: {problem}"):
        inline_options(question, "q-9")


def test_the_gold_letter_must_name_an_option_with_a_text():
    assert gold_letter("(b)", ("x", "y"), "q") == "B"
    assert gold_letter("D", ("x", "y", "", "z"), "q") == "D"
    with pytest.raises(ItemError, match=r"^item q: answer 'C' is not one of the 2 option letters \(A, B\)"):
        gold_letter("C", ("yes it is", "no it is not"), "q")
    with pytest.raises(ItemError, match=r"answer 'C' is not one of the 3 option letters \(A, B, D\)"):
        gold_letter("C", ("x", "y", " ", "z"), "q")
    with pytest.raises(ItemError, match="answer '' is not one of the 4 option letters"):
        gold_letter("", ("w", "x", "y", "z"), "q")


def test_a_clustered_item_is_keyed_and_clustered_by_its_undecoded_image():
    image, other = png(1), png(2)
    first = clustered_item("q1", "cat", "yesno", "yes", image)
    second = clustered_item("q2", "cat", "open", "red", image, cf_target="blue", cf_index=0)
    assert first.image_key == first.cluster == second.cluster == encoded_image_key(image)
    assert clustered_item("q3", "cat", "yesno", "no", other).cluster != first.cluster
    assert (second.answer_type, second.target) == ("open", "red")
    assert (second.cf_target, second.cf_index) == ("blue", 0)


#: benchmark -> (the base task's YAML in lmms-eval, its accuracy metric)
BASE_TASKS = {
    "mmstar": ("mmstar/mmstar.yaml", "average"),
    "pope": ("pope/pope.yaml", "pope_accuracy"),
    "scienceqa_img": ("scienceqa/scienceqa_img.yaml", "exact_match"),
}
#: Answers in formats both scorers read, one per item in turn.
ANSWERS = {
    "mmstar": ["A", "B", "C", "B", "D", "B", "A", "C"],
    "pope": ["yes", "no", "Yes", "yes", "NO", "no"],
    "scienceqa_img": ["A", "B. Ohio", "b", "A", "A"],
}
#: A model whose lmms_eval_specific_kwargs differ from the default for scienceqa_img (qwen_vl format).
MODEL = "qwen_vl"


@pytest.fixture(scope="module")
def task_pairs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, Any]]:
    from lmms_eval.tasks import TaskManager, get_task_dict

    root = tmp_path_factory.mktemp("equivalence")
    tree = write_local_tree(suite_index(TASK_YAMLS), root / "data", root / "tasks")
    lmms_tasks = Path(lmms_eval.__file__).parent / "tasks"
    for benchmark, (base_yaml, _) in BASE_TASKS.items():
        save_local_copy(benchmark, root / "data")
        stub = {
            "include": str(lmms_tasks / base_yaml),
            "task": f"base_{benchmark}",
            "dataset_path": str(root / "data" / benchmark),
            "dataset_kwargs": {"load_from_disk": True},
        }
        (tree / f"base_{benchmark}.yaml").write_text(yaml.safe_dump(stub))
    manager = TaskManager("WARNING", include_path=str(tree), model_name=MODEL)
    names = [f"{prefix}_{b}" for b in BASE_TASKS for prefix in ("modbias", "base")]
    tasks = get_task_dict(names, manager)
    for task in tasks.values():
        task.build_all_requests(rank=0, world_size=1)
    return {b: (tasks[f"modbias_{b}"], tasks[f"base_{b}"]) for b in BASE_TASKS}


def _original_rows(task: Any) -> dict[int, int]:
    """base row -> the modbias task's doc_id of its original variant."""
    docs = task.test_docs()
    return {docs[i]["base_index"]: i for i in range(len(docs)) if docs[i]["variant"] == "original"}


@pytest.mark.parametrize("benchmark", list(BASE_TASKS))
def test_original_requests_equal_the_base_tasks_requests(task_pairs, benchmark):
    modbias_task, base_task = task_pairs[benchmark]
    requests = {instance.args[3]: instance.args for instance in modbias_task.instances}
    base_requests = {instance.args[3]: instance.args for instance in base_task.instances}
    originals = _original_rows(modbias_task)
    assert sorted(originals) == sorted(base_requests)
    for base_row, doc_id in originals.items():
        text, generation, to_visual = requests[doc_id][:3]
        base_text, base_generation, base_to_visual = base_requests[base_row][:3]
        assert text == base_text
        assert generation == base_generation
        images = to_visual(modbias_task.test_docs()[doc_id])
        base_images = base_to_visual(base_task.test_docs()[base_row])
        assert [(i.mode, i.size, i.tobytes()) for i in images] == [
            (i.mode, i.size, i.tobytes()) for i in base_images
        ]
    if benchmark == "scienceqa_img":  # the model-specific prompt format was used
        assert base_requests[0][0].startswith("Context: ")


@pytest.mark.parametrize("benchmark", list(BASE_TASKS))
def test_acc_original_equals_the_base_tasks_accuracy(task_pairs, benchmark):
    modbias_task, base_task = task_pairs[benchmark]
    metric = BASE_TASKS[benchmark][1]
    answers = ANSWERS[benchmark]
    base_docs, docs = base_task.test_docs(), modbias_task.test_docs()
    base_values = [
        base_task.process_results(base_docs[row], [answers[row]])[metric] for row in range(len(answers))
    ]
    results = [
        modbias_task.process_results(docs[i], [answers[docs[i]["base_index"]]]) for i in range(len(docs))
    ]
    records = [result["record"] for result in results]
    base_accuracy = base_task.aggregation()[metric](base_values)
    acc_original = modbias_task.aggregation()["acc_original"]([result["acc_original"] for result in results])
    assert acc_original == pytest.approx(base_accuracy)
    per_item = {r["pair_id"]: r["score"] for r in records if r["variant"] == "original"}
    base_scores = [value["score"] if isinstance(value, dict) else value for value in base_values]
    assert fmean(per_item.values()) == pytest.approx(fmean(base_scores))
    assert 0 < acc_original < 1  # the answers mix right and wrong ones
