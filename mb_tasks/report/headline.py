"""The metrics the readable outputs lead with (plots, comparisons, leaderboards)."""

#: A model's bias profile, in this order.
PROFILE_METRICS: tuple[str, ...] = (
    "mg_no_image",
    "blind_retention",
    "vrs_mismatch",
    "text_preference_ratio",
    "hint_follow_rate",
    "image_sensitivity_mismatch",
)
