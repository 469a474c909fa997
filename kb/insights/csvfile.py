"""Tables as CSV files that Excel opens correctly, Cyrillic included."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

BOM = "\ufeff"  # without it, Excel reads UTF-8 as the local ANSI code page
_FORMULA_START = frozenset("=+-@\t\r\n")


def cell(value: object) -> object:
    """A value for a cell; text that a spreadsheet would run as a formula is quoted with '.

    Search queries and comments are typed by anyone, so "=HYPERLINK(...)" must stay text; so
    must "＝HYPERLINK(...)", which spreadsheets take as "=" too, and " =..." after spaces.
    >>> cell("=1+1"), cell("＝1+1"), cell(-3), cell(None)
    ("'=1+1", "'＝1+1", -3, '')
    """
    if value is None:
        return ""
    if isinstance(value, str) and _starts_like_formula(value):
        return "'" + value
    return value


def _starts_like_formula(text: str) -> bool:
    """Whether the first character that is not a space is one a formula starts with, in any
    of its compatibility forms (full-width, small)."""
    for char in text:
        if unicodedata.category(char) != "Zs":
            return unicodedata.normalize("NFKC", char) in _FORMULA_START
    return False


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """RFC 4180 CSV (quoted as needed, CRLF line ends) in UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")
