"""VLind-Bench's tests as probe rows: one row per (test, image, statement) the official evaluation
(``eval/instructblip_eval.py`` of klee972/VLind-Bench) asks, True/False answers.

| test | image | statement -> answer |
|---|---|---|
| ck (commonsense knowledge) | factual | false_statement -> True, true_statement -> False |
| vp (visual perception) | best counterfactual | "There is <existent_noun> ..." -> True, else False |
| cb (commonsense bias) | best counterfactual | context as text: true_statement -> True, false -> False |
| lp (language prior) | each good counterfactual | true_statement -> True, false_statement -> False |

An ``lp`` row's image is the factual one (the ``original`` variant, where the answers flip) and its
``cf_image`` the counterfactual one (the native ``counterfactual``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # datasets loads only to build the split (the adapter is also loaded for reports)
    import datasets

TESTS: tuple[str, ...] = ("ck", "vp", "cb", "lp")
TRUE, FALSE = "True", "False"
_ONLY_TF = "Only respond in True or False."


def probe_features() -> datasets.Features:
    """The probe split's columns and their types."""
    import datasets

    string = datasets.Value("string")
    return datasets.Features(
        {
            "instance_id": string,
            "concept": string,
            "test": string,
            "image_id": string,
            "statement_index": datasets.Value("int64"),
            "statement": string,
            "context": string,
            "answer": string,
            "image": datasets.Image(),
            "cf_image": datasets.Image(),
        }
    )


def probe_prompt(test: str, statement: str, context: str) -> str:
    """The official prompt of a test (prompt types commonsense_TF_reversed for ck, simple_TF_reversed
    for vp and lp, and the context prompt simple_TF_reversed for cb)."""
    if test == "ck":
        question = "Based on common sense, is the given statement true or false?"
        return f"{_ONLY_TF}\nStatement: {statement}\n{question}"
    if test == "cb":
        question = "Based on the context, is the given statement true or false?"
        return f"{_ONLY_TF}\nContext: {context}\nStatement: {statement}\n{question}"
    if test in ("vp", "lp"):
        return (
            f"{_ONLY_TF}\nStatement: {statement}\nBased on the image, is the given statement true or false?"
        )
    raise ValueError(f"unknown VLind-Bench test {test!r}; expected one of {', '.join(TESTS)}")


def probe_id(instance_id: str, test: str, image_id: str, statement_index: int) -> str:
    """A probe's pair_id: ``<instance>/<test>/<image>/<1|2>`` (1 = the statement whose answer is True)."""
    return f"{instance_id}/{test}/{image_id}/{statement_index}"


def parse_probe_id(pair_id: str) -> tuple[str, str, str, int]:
    """(instance, test, image, statement index) of a probe's pair_id (see :func:`probe_id`)."""
    instance_id, test, image_id, statement_index = pair_id.rsplit("/", 3)
    return instance_id, test, image_id, int(statement_index)


def good_image_ids(instance: dict[str, Any], vote_threshold: int) -> list[str]:
    """The counterfactual images that at least ``vote_threshold`` annotators judged good."""
    votes = instance["aggregated_human_label_good_images"]
    return [image_id for image_id, vote in votes.items() if vote >= vote_threshold]


def instance_probes(
    instance: dict[str, Any],
    factual_image: str,
    counterfactual_image: dict[str, str],
    vote_threshold: int = 2,
) -> list[dict[str, Any]]:
    """The probe rows of one ``data.json`` instance (image paths given); none without a good image."""
    good = good_image_ids(instance, vote_threshold)
    if not good:
        return []
    best = str(instance["best_img_id"])
    existent = f"There is {instance['existent_noun']} in the given image."
    absent = f"There is {instance['non-existent_noun']} in the given image."
    true_statement, false_statement = instance["true_statement"], instance["false_statement"]
    plan = [
        ("ck", "factual", [false_statement, true_statement], factual_image, None),
        ("vp", best, [existent, absent], counterfactual_image[best], None),
        ("cb", best, [true_statement, false_statement], counterfactual_image[best], None),
    ] + [
        ("lp", image_id, [true_statement, false_statement], factual_image, counterfactual_image[image_id])
        for image_id in good
    ]
    rows = []
    for test, image_id, statements, image, cf_image in plan:
        for statement_index, statement in enumerate(statements, start=1):
            rows.append(
                {
                    "instance_id": str(instance["context_id"]),
                    "concept": instance["concept"],
                    "test": test,
                    "image_id": image_id,
                    "statement_index": statement_index,
                    "statement": statement,
                    "context": instance["context"] if test == "cb" else "",
                    "answer": TRUE if statement_index == 1 else FALSE,
                    "image": image,
                    "cf_image": cf_image,
                }
            )
    return rows


def probes_from_release(root: Path, vote_threshold: int = 2) -> datasets.Dataset:
    """Every probe of the released benchmark: ``root/data.json`` with images in
    ``root/counterfactual/<concept>/<context_id>_<context>/<id>.jpg`` and
    ``root/factual/<concept>/<context_id>_<factual_context>/0.jpg`` (the repository's layout)."""
    import datasets

    instances = json.loads((root / "data.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for instance in instances:
        prefix = f"{instance['concept']}/{instance['context_id']}"
        factual = root / "factual" / f"{prefix}_{instance['factual_context']}" / "0.jpg"
        folder = root / "counterfactual" / f"{prefix}_{instance['context']}"
        images = {
            image_id: str(folder / f"{image_id}.jpg")
            for image_id in instance["aggregated_human_label_good_images"]
        }
        rows.extend(instance_probes(instance, str(factual), images, vote_threshold))
    return datasets.Dataset.from_list(rows, features=probe_features())
