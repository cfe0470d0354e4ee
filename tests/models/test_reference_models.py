"""The reference models' answers follow from their definitions, on both lmms-eval request paths.

Requests are real lmms-eval Instances built the way lmms-eval builds them (simple: doc_to_visual;
chat: doc_to_messages with ConfigurableMessagesTask's user turn), and the models are resolved
through lmms-eval's own registry (so the entry point is exercised too).
"""

import pytest

from mb_tasks.benchmarks.synth import load_items, prompt_text, render
from mb_tasks.benchmarks.synth.knowledge import CAPITALS, PRODUCE_COLOURS
from mb_tasks.variants.hints import pick_template, render_hint
from mb_tasks.variants.images import blank_like, noise_like

ITEMS = load_items()[::9]  # 72 items, every family
TASK, SPLIT = "modbias_synth", "test"


def _letter(item, text):
    return "ABCD"[item["options"].index(text)]


def _wrong(item):
    """A wrong answer in the form a hint states it."""
    if not item["options"]:
        return "no" if item["target"] == "yes" else "yes"
    return next(letter for letter in "ABCD"[: len(item["options"])] if letter != item["target"])


def _fixed(item):
    return "A" if item["options"] else "yes"


def _known(item):
    """The common-knowledge answer of a counterfactual-prior item, else None."""
    subject = item["query"]["args"][0] if item["query"]["args"] else None
    if item["category"] == "prior_colour":
        return _letter(item, PRODUCE_COLOURS[subject])
    if item["category"] == "prior_capital":
        return _letter(item, CAPITALS[subject][0])
    return None


def _doc(item, image="original", hint=None):
    text = prompt_text(item["question"], item["options"])
    if hint is not None:
        text = f"{render_hint(pick_template(item['id']), hint)}\n{text}"
    scene_image = render(item["scene"])
    images = {
        "original": [scene_image],
        "counterfactual": [render(item["cf_scene"])],
        "blank": [blank_like(scene_image)],
        "noise": [noise_like(scene_image, item["id"])],
        "none": [],
    }[image]
    return {"text": text, "images": images}


def _run(model_name, simple, docs):
    """The model's answers to one generate_until request per doc, in order."""
    from lmms_eval.api.instance import Instance  # lmms-eval imports torch: only when a test runs
    from lmms_eval.api.task import ConfigurableMessagesTask
    from lmms_eval.models import get_model

    model = get_model(model_name, force_simple=simple).create_from_arg_string(
        "", {"batch_size": 1, "device": None}
    )
    assert model.is_simple == simple
    model.task_dict = {TASK: {SPLIT: docs}}

    def doc_to_visual(doc):
        return doc["images"]

    def doc_to_messages(doc):
        return ConfigurableMessagesTask._build_user_turn(doc["images"], doc["text"])

    requests = []
    for doc_id, doc in enumerate(docs):
        if simple:
            arguments = (doc["text"], {"max_new_tokens": 8}, doc_to_visual, doc_id, TASK, SPLIT)
        else:
            arguments = (doc["text"], doc_to_messages, {"max_new_tokens": 8}, doc_id, TASK, SPLIT)
        requests.append(
            Instance(
                "generate_until", arguments, idx=0, metadata={"task": TASK, "doc_id": doc_id, "repeats": 1}
            )
        )
    return model.generate_until(requests)


PATHS = pytest.mark.parametrize("simple", [True, False], ids=["simple", "chat"])


@PATHS
def test_oracle_reads_the_image_and_ignores_hints(simple):
    docs = [_doc(item) for item in ITEMS]
    docs += [_doc(item, "counterfactual") for item in ITEMS]
    docs += [_doc(item, hint=_wrong(item)) for item in ITEMS]
    docs += [_doc(item, image) for image in ("blank", "noise", "none") for item in ITEMS]
    expected = [item["target"] for item in ITEMS]
    expected += [item["cf_target"] for item in ITEMS]
    expected += [item["target"] for item in ITEMS]
    expected += [_fixed(item) for _ in range(3) for item in ITEMS]
    assert _run("modbias_oracle", simple, docs) == expected


@PATHS
def test_blind_follows_hints_else_its_prior_and_never_the_image(simple):
    docs = [_doc(item, image) for image in ("original", "counterfactual", "none") for item in ITEMS]
    docs += [_doc(item, hint=_wrong(item)) for item in ITEMS]
    prior = [_known(item) or _fixed(item) for item in ITEMS]
    assert _run("modbias_blind", simple, docs) == prior * 3 + [_wrong(item) for item in ITEMS]
    # On the prior families the prior is the original gold and never the counterfactual's.
    prior_items = [item for item in ITEMS if _known(item)]
    assert prior_items and all(_known(item) == item["target"] != item["cf_target"] for item in prior_items)


@PATHS
def test_text_follower_follows_hints_else_reads_the_image(simple):
    docs = [_doc(item, hint=_wrong(item)) for item in ITEMS] + [
        _doc(item, hint=_wrong(item), image="none") for item in ITEMS
    ]
    docs += [_doc(item) for item in ITEMS] + [_doc(item, "counterfactual") for item in ITEMS]
    expected = [_wrong(item) for item in ITEMS] * 2
    expected += [item["target"] for item in ITEMS] + [item["cf_target"] for item in ITEMS]
    assert _run("modbias_text_follower", simple, docs) == expected


@PATHS
def test_leaky_answers_a_text_only_request_from_the_previous_image(simple):
    docs = [doc for item in ITEMS for doc in (_doc(item), _doc(item, "none"), _doc(item, "blank"))]
    expected = [answer for item in ITEMS for answer in (item["target"], item["target"], _fixed(item))]
    assert _run("modbias_leaky", simple, docs) == expected
    # The same requests to the oracle: no leak.
    honest = [answer for item in ITEMS for answer in (item["target"], _fixed(item), _fixed(item))]
    assert _run("modbias_oracle", simple, docs) == honest


def test_reference_models_only_generate():
    from lmms_eval.models import get_model

    model = get_model("modbias_oracle").create_from_arg_string("")
    with pytest.raises(NotImplementedError, match="generate_until requests only"):
        model.loglikelihood([])
