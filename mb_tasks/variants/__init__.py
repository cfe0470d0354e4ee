"""Seeded, pure building blocks of the variants: stable seeds, variant images, mismatch donors, hints."""

from mb_tasks.variants.derangement import mismatch_donors
from mb_tasks.variants.hints import (
    HINT_TEMPLATES,
    find_hinted_answer,
    pick_template,
    render_hint,
    wrong_answer,
)
from mb_tasks.variants.images import (
    ItemImageError,
    blank_like,
    content_hash,
    noise_like,
    open_item_image,
    to_rgb,
)
from mb_tasks.variants.seeds import rng, stable_seed

__all__ = [
    "HINT_TEMPLATES",
    "ItemImageError",
    "blank_like",
    "content_hash",
    "find_hinted_answer",
    "mismatch_donors",
    "noise_like",
    "open_item_image",
    "pick_template",
    "render_hint",
    "rng",
    "stable_seed",
    "to_rgb",
    "wrong_answer",
]
