"""The metric catalogue: one entry per metric name, in report order.

Every other list of metrics derives from this table or is checked against it: the task YAMLs'
``metric_list`` (``python -m mb_tasks.metrics.catalogue --write-yaml``), the README's metric table
(``--write-readme``), the lmms-eval aggregations, the engine's statistics and warnings, ``modbias
plan``, the legends, the export directions and the headline lists. Formulas are the docstrings of
the statistic functions in :mod:`mb_tasks.metrics.definitions`.
"""

from __future__ import annotations

from mb_tasks.metrics.catalogue.metric import Family, Headline, Metric
from mb_tasks.metrics.definitions import (
    accuracy,
    blind_above_chance,
    blind_retention,
    consistent_hint_gain,
    counterfactual_accuracy,
    grounded_flip,
    hint_follow_given_correct,
    hint_follow_rate,
    hint_norm,
    image_sensitivity,
    invalid_rate,
    leakage_over_base_llm,
    modality_bias_index,
    multimodal_gain,
    pair_accuracy,
    prior_follow_rate,
    text_preference_ratio,
    yes_ratio,
)
from mb_tasks.records import TEXT_ONLY_VARIANTS

MODBIAS = "modbias"
MMSTAR = (
    "MMStar: Chen et al., Are We on the Right Way for Evaluating Large Vision-Language Models?, NeurIPS 2024"
)
DENG = "Deng et al., Words or Vision: Do Vision-Language Models Have Blind Faith in Text?, CVPR 2025"
POPE = "POPE: Li et al., Evaluating Object Hallucination in Large Vision-Language Models, EMNLP 2023"
VLIND = "Lee et al., VLind-Bench: Measuring Language Priors in Large Vision-Language Models, 2024"
SINGLE_FRAME = 'Buch et al., Revisiting the "Video" in Video-Language Understanding, CVPR 2022'

ACC = Family("acc", accuracy, True, MODBIAS)
INVALID_RATE = Family("invalid_rate", invalid_rate, False, MODBIAS)
MG = Family("mg", multimodal_gain, True, MMSTAR, with_original=True)
IMAGE_SENSITIVITY = Family("image_sensitivity", image_sensitivity, True, MODBIAS, with_original=True)
GROUNDED_FLIP = Family("grounded_flip", grounded_flip, True, MODBIAS, with_original=True)
YES_RATIO = Family("yes_ratio", yes_ratio, None, POPE, yesno=True)
# Video: the temporal gain (what the frames in order add over a still or a frozen clip) and how often
# the answer changes when the frames are reordered; the same statistics as mg_k and image_sensitivity_k.
TG = Family("tg", multimodal_gain, True, SINGLE_FRAME, with_original=True)
ORDER_SENSITIVITY = Family("order_sensitivity", image_sensitivity, True, MODBIAS, with_original=True)
# Audio: the audio gain is the mg_k of the audio variants; how often the answer changes without the
# recording's content, the same statistic as image_sensitivity_k.
AUDIO_SENSITIVITY = Family("audio_sensitivity", image_sensitivity, True, MODBIAS, with_original=True)

_VLIND_PROBES = (("original", "counterfactual"),)
#: Each medium's text-only variant, as a metric's alternative needs (no_image, no_video, no_audio).
_TEXT_ONLY = tuple((variant,) for variant in TEXT_ONLY_VARIANTS.values())

CATALOGUE: tuple[Metric, ...] = (
    ACC.member("acc_original", headline=Headline(1)),
    ACC.member("acc_no_image"),
    ACC.member("acc_blank"),
    ACC.member("acc_noise"),
    ACC.member("acc_mismatch"),
    ACC.member("acc_no_video"),
    ACC.member("acc_single_frame"),
    ACC.member("acc_shuffled_frames"),
    ACC.member("acc_reversed_frames"),
    ACC.member("acc_frozen_video"),
    ACC.member("acc_mismatch_video"),
    ACC.member("acc_no_audio"),
    ACC.member("acc_silence"),
    ACC.member("acc_noise_audio"),
    ACC.member("acc_mismatch_audio"),
    ACC.member("acc_misleading_hint"),
    ACC.member("acc_misleading_hint_no_image"),
    ACC.member("acc_consistent_hint"),
    ACC.member("acc_counterfactual"),
    INVALID_RATE.member("invalid_rate_original"),
    INVALID_RATE.member("invalid_rate_no_image"),
    INVALID_RATE.member("invalid_rate_blank"),
    INVALID_RATE.member("invalid_rate_noise"),
    INVALID_RATE.member("invalid_rate_mismatch"),
    INVALID_RATE.member("invalid_rate_no_video"),
    INVALID_RATE.member("invalid_rate_single_frame"),
    INVALID_RATE.member("invalid_rate_shuffled_frames"),
    INVALID_RATE.member("invalid_rate_reversed_frames"),
    INVALID_RATE.member("invalid_rate_frozen_video"),
    INVALID_RATE.member("invalid_rate_mismatch_video"),
    INVALID_RATE.member("invalid_rate_no_audio"),
    INVALID_RATE.member("invalid_rate_silence"),
    INVALID_RATE.member("invalid_rate_noise_audio"),
    INVALID_RATE.member("invalid_rate_mismatch_audio"),
    INVALID_RATE.member("invalid_rate_misleading_hint"),
    INVALID_RATE.member("invalid_rate_misleading_hint_no_image"),
    INVALID_RATE.member("invalid_rate_consistent_hint"),
    INVALID_RATE.member("invalid_rate_counterfactual"),
    MG.member(
        "mg_no_image",
        difference=("original", "no_image"),
        headline=Headline(2, profile=True),
        few_pairs_warning=True,
    ),
    MG.member(
        "mg_blank",
        difference=("original", "blank"),
        headline=Headline(8, leaderboard=False),
        few_pairs_warning=True,
    ),
    MG.member("mg_no_video", difference=("original", "no_video"), few_pairs_warning=True),
    MG.member("mg_no_audio", difference=("original", "no_audio"), few_pairs_warning=True),
    MG.member("mg_silence", difference=("original", "silence"), few_pairs_warning=True),
    MG.member("mg_noise_audio", difference=("original", "noise_audio"), few_pairs_warning=True),
    TG.member("tg_single_frame", difference=("original", "single_frame"), few_pairs_warning=True),
    TG.member("tg_frozen_video", difference=("original", "frozen_video"), few_pairs_warning=True),
    Metric(
        "vrs_mismatch",
        (("original", "mismatch"),),
        True,
        MODBIAS,
        statistic=multimodal_gain,
        variant="mismatch",
        difference=("original", "mismatch"),
        headline=Headline(4, profile=True),
        few_pairs_warning=True,
    ),
    Metric("blind_above_chance", _TEXT_ONLY, False, MODBIAS, statistic=blind_above_chance),
    Metric(
        "blind_retention",
        tuple(("original", *variant) for variant in _TEXT_ONLY),
        False,
        MODBIAS,
        statistic=blind_retention,
        headline=Headline(3, profile=True),
    ),
    IMAGE_SENSITIVITY.member("image_sensitivity_no_image"),
    IMAGE_SENSITIVITY.member("image_sensitivity_blank"),
    IMAGE_SENSITIVITY.member("image_sensitivity_noise"),
    IMAGE_SENSITIVITY.member("image_sensitivity_mismatch", headline=Headline(7, profile=True)),
    GROUNDED_FLIP.member("grounded_flip_no_image"),
    GROUNDED_FLIP.member("grounded_flip_blank"),
    GROUNDED_FLIP.member("grounded_flip_noise"),
    GROUNDED_FLIP.member("grounded_flip_mismatch"),
    ORDER_SENSITIVITY.member("order_sensitivity_shuffled_frames"),
    ORDER_SENSITIVITY.member("order_sensitivity_reversed_frames"),
    AUDIO_SENSITIVITY.member("audio_sensitivity_no_audio"),
    AUDIO_SENSITIVITY.member("audio_sensitivity_silence"),
    AUDIO_SENSITIVITY.member("audio_sensitivity_noise_audio"),
    AUDIO_SENSITIVITY.member("audio_sensitivity_mismatch_audio"),
    Metric(
        "hint_follow_rate",
        (("misleading_hint",),),
        False,
        MODBIAS,
        statistic=hint_follow_rate,
        headline=Headline(6, profile=True),
        few_pairs_warning=True,
    ),
    Metric(
        "hint_follow_given_correct",
        (("original", "misleading_hint"),),
        False,
        MODBIAS,
        statistic=hint_follow_given_correct,
    ),
    Metric("hint_norm", (("original", "misleading_hint"),), True, MODBIAS, statistic=hint_norm),
    Metric(
        "text_preference_ratio",
        (("original", "misleading_hint", "misleading_hint_no_image"),),
        False,
        DENG,
        statistic=text_preference_ratio,
        headline=Headline(5, profile=True),
        few_pairs_warning=True,
    ),
    Metric(
        "consistent_hint_gain",
        (("original", "consistent_hint"),),
        None,
        MODBIAS,
        statistic=consistent_hint_gain,
        difference=("consistent_hint", "original"),
    ),
    Metric("cf_acc", (("counterfactual",),), True, MODBIAS, statistic=counterfactual_accuracy),
    Metric("prior_follow_rate", (("counterfactual",),), False, MODBIAS, statistic=prior_follow_rate),
    Metric("pair_acc", (("original", "counterfactual"),), True, MODBIAS, statistic=pair_accuracy),
    YES_RATIO.member("yes_ratio_original"),
    YES_RATIO.member("yes_ratio_no_image"),
    YES_RATIO.member("yes_ratio_blank"),
    YES_RATIO.member("yes_ratio_noise"),
    YES_RATIO.member("yes_ratio_mismatch"),
    YES_RATIO.member("yes_ratio_no_video"),
    YES_RATIO.member("yes_ratio_single_frame"),
    YES_RATIO.member("yes_ratio_shuffled_frames"),
    YES_RATIO.member("yes_ratio_reversed_frames"),
    YES_RATIO.member("yes_ratio_frozen_video"),
    YES_RATIO.member("yes_ratio_mismatch_video"),
    YES_RATIO.member("yes_ratio_no_audio"),
    YES_RATIO.member("yes_ratio_silence"),
    YES_RATIO.member("yes_ratio_noise_audio"),
    YES_RATIO.member("yes_ratio_mismatch_audio"),
    YES_RATIO.member("yes_ratio_misleading_hint"),
    YES_RATIO.member("yes_ratio_misleading_hint_no_image"),
    YES_RATIO.member("yes_ratio_consistent_hint"),
    YES_RATIO.member("yes_ratio_counterfactual"),
    Metric(
        "modality_bias_index",
        (
            *(("original", *variant) for variant in _TEXT_ONLY),
            ("original", "misleading_hint", "misleading_hint_no_image"),
        ),
        False,
        MODBIAS,
        statistic=modality_bias_index,
        headline=Headline(0),
    ),
    Metric("ml", (("no_image",),), False, MMSTAR, statistic=leakage_over_base_llm, base_llm=True),
    # VLind-Bench's pipeline scores, computed by its adapter (mb_tasks/benchmarks/vlind/pipeline.py).
    Metric(
        "commonsense_knowledge",
        _VLIND_PROBES,
        True,
        VLIND,
        benchmark="vlind",
        written_formula="sum CK_i / #instances",
    ),
    Metric(
        "visual_perception",
        _VLIND_PROBES,
        True,
        VLIND,
        benchmark="vlind",
        written_formula="sum VP_i / #instances",
    ),
    Metric(
        "commonsense_bias",
        _VLIND_PROBES,
        True,
        VLIND,
        benchmark="vlind",
        written_formula="sum CK_i CB_i / sum CK_i (instances that know the common sense)",
    ),
    Metric(
        "language_prior",
        _VLIND_PROBES,
        True,
        VLIND,
        benchmark="vlind",
        written_formula="sum CK_i VP_i CB_i LP_i / sum CK_i VP_i CB_i (instances passing every basic test)",
    ),
)
