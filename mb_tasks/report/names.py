"""Names read from records or results files (benchmarks, models), made safe where they are written:
as file names, as plot text, and as spreadsheet cells."""

from __future__ import annotations

import hashlib
import re
from typing import Any

#: Longest stem a name gives, in UTF-8 bytes (before its hash suffix).
MAX_STEM_BYTES = 100

#: Runs of characters other than letters, digits, "_", "-" and "." (path separators, control and
#: bidirectional-text characters, spaces, symbols).
_UNSAFE_RUN = re.compile(r"[^\w.-]+")

#: Cell starts a spreadsheet reads as a formula (OWASP's CSV-injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_file_stem(name: str) -> str:
    """A file-name stem for ``name``: no path separators, no leading dot or dash, no control or bidi
    characters, at most MAX_STEM_BYTES bytes long and, when any of that changed the name, a short hash of
    the name appended, so that two names never share a stem."""
    stem = _UNSAFE_RUN.sub("_", name).lstrip(".-").encode()[:MAX_STEM_BYTES].decode(errors="ignore")
    if stem == name and stem:
        return stem
    return f"{stem or '_'}-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def plain_title(text: str) -> str:
    """``text`` for a matplotlib title or label, shown as written: "$" escaped, so no mathtext."""
    return text.replace("$", r"\$")


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell value: text that a spreadsheet would read as a formula gets a leading "'" (OWASP);
    numbers and other text are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
