"""Reading records from files (records JSONL, lmms-eval/lm-eval sample logs, output folders) and
rendering reports."""

from mb_tasks.report.markdown import render_markdown
from mb_tasks.report.reading import ReadResult, read_records

__all__ = ["ReadResult", "read_records", "render_markdown"]
