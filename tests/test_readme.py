"""The README stays true: CI runs its set-up lines verbatim, and it explains every metric."""

import re
from pathlib import Path

from mb_tasks.metrics import build_tables, statistics
from mb_tasks.metrics.catalogue.files import render_readme_table, with_readme_table
from mb_tasks.report import read_records

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_ci_runs_the_readme_setup_lines_verbatim() -> None:
    setup = README.split("## Set up", 1)[1].split("```bash", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(setup) == 2 and ".venv" in setup[0]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    for line in setup:
        assert line in ci


def test_every_metric_is_explained() -> None:
    records = read_records([ROOT / "examples" / "records.jsonl"]).records
    tables = build_tables(records).tables.values()
    names = {name for table in tables for name, _ in statistics(table)}
    documented = set(re.findall(r"^\| ([a-z_<>, ]+) \|", README, flags=re.MULTILINE))
    documented = {part.strip() for row in documented for part in row.split(",")}
    for name in names:
        family = re.sub(
            r"_(original|no_image|blank|noise|mismatch|misleading_hint(_no_image)?|consistent_hint|counterfactual)$",
            "_<k>",
            name,
        )
        assert name in documented or family in documented, name


def test_the_metric_table_is_written_from_the_catalogue() -> None:
    """``python -m mb_tasks.metrics.catalogue --write-readme`` rewrites it."""
    assert with_readme_table(README, render_readme_table()) == README
