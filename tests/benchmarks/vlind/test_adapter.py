"""modbias_vlind: a language-prior probe's original is the factual image (its answer flipped) and
its counterfactual image the native counterfactual; probes of an instance are a cluster; end to end
from a local copy built from a miniature release, with the pipeline scores."""

from pathlib import Path

import datasets

from mb_tasks.benchmarks.base import adapter
from mb_tasks.benchmarks.vlind.probes import probes_from_release
from tests.benchmarks.blind_run import check_counted_run
from tests.benchmarks.local_data import vlind_release


def test_language_prior_probes_flip_on_the_factual_image(tmp_path: Path):
    undecoded = datasets.Image(decode=False)
    probes = probes_from_release(vlind_release(tmp_path))
    probes = probes.cast_column("image", undecoded).cast_column("cf_image", undecoded)
    items = [adapter("vlind").item(doc, row) for row, doc in enumerate(probes)]
    lp = [item for item in items if item.category == "lp"]
    assert len(items) == 12 + 6 and len(lp) == 6  # 2 x (ck, vp, cb) x 2 instances; 3 good images x 2
    assert [(item.target, item.cf_target) for item in lp] == [("no", "yes"), ("yes", "no")] * 3
    assert all(item.cf_target is None for item in items if item.category != "lp")
    assert {item.cluster for item in items} == {"vlind_1", "vlind_2"}


def test_end_to_end_from_a_local_copy(blind_runs):
    """The answer is "True" always: one statement of every pair right; no instance passes CK or VP,
    so the scores gated by them (commonsense_bias over CK passes, language_prior) are undefined."""
    check_counted_run(
        blind_runs["vlind"],
        records=18 + 6,  # every probe's original; the lp probes' counterfactuals
        metrics={"acc_original": 0.5, "cf_acc": 0.5, "prior_follow_rate": 0.5, "commonsense_knowledge": 0.0,
                 "visual_perception": 0.0, "commonsense_bias": None, "language_prior": None},
    )  # fmt: skip
