"""Every metric of DESIGN.md, as a pure function of an :class:`ItemTable` (which metrics a table gets:
:mod:`mb_tasks.metrics.catalogue`).

A metric is a :class:`Statistic`: per-item contributions to a few sums, and a ``combine`` function
that turns the sums into the metric's value. Most metrics are ``sum(numerator) / sum(denominator)``.
Writing them this way makes the bootstrap exact and fast: resampling items only reweights rows.
Notation: ``c^k`` is an item's score under variant k, ``a^k`` its parsed answer, ``h`` the hinted
wrong answer; "items having k and j" are items with records for both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mb_tasks.metrics.significance import discordant_pairs
from mb_tasks.metrics.table import NO_ANSWER, ItemTable
from mb_tasks.records import TEXT_ONLY_VARIANTS

Combine = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Statistic:
    """A metric ready to evaluate and bootstrap.

    ``contributions`` has one row per item and one column per sum; ``combine`` maps sums of shape
    (..., columns) to values of shape (...). ``n`` is the metric's denominator (items counted).
    ``discordant`` = (b, c) when the metric is a difference of binary scores (McNemar applies).
    """

    contributions: np.ndarray
    combine: Combine
    n: int
    discordant: tuple[int, int] | None = None

    def value(self) -> float | None:
        result = float(self.combine(self.contributions.sum(axis=0)))
        return None if np.isnan(result) else result


def ratio(sums: np.ndarray) -> np.ndarray:
    """sum_0 / sum_1; undefined (NaN) when sum_1 = 0."""
    numerator, denominator = sums[..., 0], sums[..., 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan)


def ratio_over_positive(sums: np.ndarray) -> np.ndarray:
    """sum_0 / sum_1; undefined (NaN) when sum_1 <= 0."""
    return np.where(sums[..., 1] > 0, ratio(sums), np.nan)


def leakage(sums: np.ndarray) -> np.ndarray:
    """max(0, (sum_0 - sum_1) / sum_2)."""
    return np.maximum(0.0, ratio(np.stack([sums[..., 0] - sums[..., 1], sums[..., 2]], axis=-1)))


def bias_index(sums: np.ndarray) -> np.ndarray:
    """mean of those of clip(blind_retention, 0, 1) and text_preference_ratio that exist."""
    retention = np.clip(ratio_over_positive(sums[..., 0:2]), 0.0, 1.0)
    preference = ratio(sums[..., 2:4])
    both = np.stack([retention, preference], axis=-1)
    count = (~np.isnan(both)).sum(axis=-1)
    with np.errstate(invalid="ignore"):
        return np.where(count > 0, np.nansum(both, axis=-1) / np.maximum(count, 1), np.nan)


def _mean_over(values: np.ndarray, members: np.ndarray) -> Statistic:
    """mean of ``values`` over ``members``."""
    weights = members.astype(float)
    return Statistic(np.column_stack([values * weights, weights]), ratio, int(members.sum()))


def _difference(table: ItemTable, variant: str, reference: str = "original") -> Statistic:
    """mean (c^reference - c^variant) over items having both, with McNemar's discordant counts."""
    first, second = table.columns[reference], table.columns[variant]
    both = first.present & second.present
    statistic = _mean_over(first.score - second.score, both)
    if not table.binary_scores:
        return statistic
    discordant = discordant_pairs(first.score, second.score, both)
    return Statistic(statistic.contributions, statistic.combine, statistic.n, discordant)


def accuracy(table: ItemTable, k: str) -> Statistic:
    """acc_k = mean c^k over items having k."""
    column = table.columns[k]
    return _mean_over(column.score, column.present)


def invalid_rate(table: ItemTable, k: str) -> Statistic:
    """invalid_rate_k = share of variant-k records with valid = false (empty, refused or unparseable)."""
    column = table.columns[k]
    return _mean_over((~column.valid).astype(float), column.present)


def multimodal_gain(table: ItemTable, k: str) -> Statistic:
    """mg_k = mean (c^original − c^k) over items having both.

    vrs_mismatch is the same with k = mismatch."""
    return _difference(table, k)


def text_only_variant(table: ItemTable) -> str:
    """The table's variant without the medium: no_image, or no_video / no_audio on a video or audio
    table (no_image when it has none)."""
    return next((variant for variant in TEXT_ONLY_VARIANTS.values() if variant in table.columns), "no_image")


def blind_above_chance(table: ItemTable, among: np.ndarray | None = None) -> Statistic:
    """blind_above_chance = mean (c^no_image − chance) over items having no_image.

    On a video or audio table no_video or no_audio stands for no_image (:func:`text_only_variant`);
    ``among``: only over those items (the leak canary's)."""
    column = table.columns[text_only_variant(table)]
    members = column.present if among is None else column.present & among
    return _mean_over(column.score - table.chance, members)


def blind_retention(table: ItemTable) -> Statistic:
    """blind_retention = (A_n − C) / (A_o − C), with A_o, A_n, C the means of c^original, c^no_image and
    chance over items having both; null if A_o ≤ C.

    On a video or audio table no_video or no_audio stands for no_image (:func:`text_only_variant`)."""
    original, blind = table.columns["original"], table.columns[text_only_variant(table)]
    both = (original.present & blind.present).astype(float)
    contributions = np.column_stack(
        [(blind.score - table.chance) * both, (original.score - table.chance) * both]
    )
    return Statistic(contributions, ratio_over_positive, int(both.sum()))


def image_sensitivity(table: ItemTable, k: str) -> Statistic:
    """image_sensitivity_k = mean 1[a^k ≠ a^original] over items valid in both."""
    original, other = table.columns["original"], table.columns[k]
    return _mean_over((other.answer != original.answer).astype(float), original.valid & other.valid)


def grounded_flip(table: ItemTable, k: str) -> Statistic:
    """grounded_flip_k = share with c^k < c^original among items having both with c^original = 1."""
    original, other = table.columns["original"], table.columns[k]
    grounded = original.present & other.present & (original.score == 1)
    return _mean_over((other.score < original.score).astype(float), grounded)


def hint_follow_rate(table: ItemTable) -> Statistic:
    """hint_follow_rate = mean 1[a^misleading_hint = h] over items with a valid misleading_hint answer."""
    hinted = table.columns["misleading_hint"]
    follows = (hinted.answer == hinted.hint) & (hinted.hint != NO_ANSWER)
    return _mean_over(follows.astype(float), hinted.valid)


def hint_follow_given_correct(table: ItemTable) -> Statistic:
    """hint_follow_given_correct = hint_follow_rate over items with c^original = 1."""
    hinted, original = table.columns["misleading_hint"], table.columns["original"]
    follows = (hinted.answer == hinted.hint) & (hinted.hint != NO_ANSWER)
    return _mean_over(follows.astype(float), hinted.valid & original.present & (original.score == 1))


def hint_norm(table: ItemTable) -> Statistic:
    """hint_norm = acc_misleading_hint / acc_original over items having both; null if the latter is 0."""
    hinted, original = table.columns["misleading_hint"], table.columns["original"]
    both = (hinted.present & original.present).astype(float)
    return Statistic(np.column_stack([hinted.score * both, original.score * both]), ratio, int(both.sum()))


def _preference_counts(table: ItemTable) -> tuple[np.ndarray, np.ndarray, int]:
    original = table.columns["original"]
    hinted = table.columns["misleading_hint"]
    text_only = table.columns["misleading_hint_no_image"]
    eligible = original.valid & hinted.valid & text_only.valid & (original.answer != text_only.answer)
    text = eligible & (hinted.answer == text_only.answer)
    image = eligible & (hinted.answer == original.answer)
    return text.astype(float), (text | image).astype(float), int((text | image).sum())


def text_preference_ratio(table: ItemTable) -> Statistic:
    """text_preference_ratio = text / (text + image) over items valid in original, misleading_hint and
    misleading_hint_no_image with a^original ≠ a^misleading_hint_no_image, where text counts
    a^misleading_hint = a^misleading_hint_no_image and image counts a^misleading_hint = a^original; null
    if both counts are 0."""
    text, decided, n = _preference_counts(table)
    return Statistic(np.column_stack([text, decided]), ratio, n)


def consistent_hint_gain(table: ItemTable) -> Statistic:
    """consistent_hint_gain = mean (c^consistent_hint − c^original) over items having both."""
    return _difference(table, "original", reference="consistent_hint")


def counterfactual_accuracy(table: ItemTable) -> Statistic:
    """cf_acc = mean c^counterfactual (scored against cf_target) over items having a counterfactual."""
    return accuracy(table, "counterfactual")


def prior_follow_rate(table: ItemTable) -> Statistic:
    """prior_follow_rate = mean 1[a^counterfactual = the original gold] over valid counterfactual answers."""
    column = table.columns["counterfactual"]
    return _mean_over(column.follows_target, column.valid)


def pair_accuracy(table: ItemTable) -> Statistic:
    """pair_acc = mean c^original · c^counterfactual over items having both."""
    original, counterfactual = table.columns["original"], table.columns["counterfactual"]
    return _mean_over(original.score * counterfactual.score, original.present & counterfactual.present)


def yes_ratio(table: ItemTable, k: str) -> Statistic:
    """yes_ratio_k = share of valid yes/no answers under k that are "yes"."""
    column = table.columns[k]
    return _mean_over(column.says_yes.astype(float), column.valid & table.is_yesno)


def modality_bias_index(table: ItemTable) -> Statistic:
    """modality_bias_index = mean of those of clip(blind_retention, 0, 1) and text_preference_ratio that
    exist: 0 = vision-grounded, 1 = language-driven.

    On a video or audio table, blind_retention is over no_video or no_audio (:func:`text_only_variant`)."""
    parts = []
    n = 0
    if table.has("original", text_only_variant(table)):
        retention = blind_retention(table)
        parts.append(retention.contributions)
        n = max(n, retention.n)
    else:
        parts.append(np.zeros((table.n_items, 2)))
    if table.has("original", "misleading_hint", "misleading_hint_no_image"):
        preference = text_preference_ratio(table)
        parts.append(preference.contributions)
        n = max(n, preference.n)
    else:
        parts.append(np.zeros((table.n_items, 2)))
    return Statistic(np.hstack(parts), bias_index, n)


def leakage_over_base_llm(table: ItemTable, base_llm: ItemTable) -> Statistic | None:
    """ml = max(0, acc_no_image − acc of the base LLM on the same items)."""
    if "no_image" not in table.columns:
        return None
    base_variant = "no_image" if "no_image" in base_llm.columns else "original"
    if base_variant not in base_llm.columns:
        return None
    base_rows = {pair_id: row for row, pair_id in enumerate(base_llm.pair_ids)}
    rows = np.array([base_rows.get(pair_id, -1) for pair_id in table.pair_ids], dtype=np.int64)
    base_column = base_llm.columns[base_variant]
    found = rows >= 0
    safe_rows = np.where(found, rows, 0)
    base_present = found & base_column.present[safe_rows]
    base_score = np.where(base_present, base_column.score[safe_rows], 0.0)
    blind = table.columns["no_image"]
    both = (blind.present & base_present).astype(float)
    contributions = np.column_stack([blind.score * both, base_score * both, both])
    return Statistic(contributions, leakage, int(both.sum()))
