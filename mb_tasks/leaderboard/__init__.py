"""One row per model, headline metrics with intervals, sorted by modality_bias_index; written as
JSON, CSV or markdown, byte-identical for the same inputs."""

from mb_tasks.leaderboard.rows import LEADERBOARD_METRICS, SCHEMA, leaderboard_rows
from mb_tasks.leaderboard.writers import FORMATS, render_leaderboard

__all__ = ["FORMATS", "LEADERBOARD_METRICS", "SCHEMA", "leaderboard_rows", "render_leaderboard"]
