"""``python -m mb_tasks.metrics.catalogue [--write-yaml] [--write-readme]``: rewrite the files generated
from the metric catalogue; without options, list those that are out of date (exit status 1 if any)."""

from __future__ import annotations

import argparse
import sys

from mb_tasks.metrics.catalogue.files import (
    METRIC_LIST_FILES,
    README,
    render_metric_list,
    render_readme_table,
    stale_files,
    with_metric_list,
    with_readme_table,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mb_tasks.metrics.catalogue", description=__doc__)
    parser.add_argument("--write-yaml", action="store_true", help="rewrite the task templates' metric_list")
    parser.add_argument("--write-readme", action="store_true", help="rewrite the README's metric table")
    args = parser.parse_args(argv)
    if args.write_yaml:
        for file in METRIC_LIST_FILES:
            text = file.path.read_text(encoding="utf-8")
            file.path.write_text(with_metric_list(text, render_metric_list(file)), encoding="utf-8")
            print(f"wrote {file.path}")
    if args.write_readme and not README.exists():
        print(f"no README at {README}: --write-readme works in a checkout", file=sys.stderr)
        return 2
    if args.write_readme:
        README.write_text(
            with_readme_table(README.read_text(encoding="utf-8"), render_readme_table()), encoding="utf-8"
        )
        print(f"wrote {README}")
    if args.write_yaml or args.write_readme:
        return 0
    stale = stale_files()
    for path in stale:
        print(f"out of date with the metric catalogue: {path}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
