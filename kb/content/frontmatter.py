"""YAML front matter: split it from the body and turn it into validated fields."""

from __future__ import annotations

import re
from datetime import date, datetime

import yaml

KNOWN_KEYS = {
    "title",
    "summary",
    "category",
    "tags",
    "audience",
    "owner",
    "updated",
    "review-by",
}
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
MAX_DEPTH = 10  # a list inside a mapping is all front matter needs


class FrontMatterError(ValueError):
    """Raised with the 1-based line of the file where the front matter is wrong."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def split(text: str) -> tuple[str | None, str, int]:
    """Return (front matter or None, body, line on which the body starts).

    >>> split("---\\ntitle: A\\n---\\n# Body\\n")
    ('title: A\\n', '# Body\\n', 4)
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for i, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line.rstrip("\r\n")):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise FrontMatterError("front matter starts with '---' but is never closed", 1)


def parse(source: str) -> tuple[dict, list[tuple[int, str]]]:
    """Parse front matter YAML into clean fields; return (fields, warnings as (line, message)).

    Lines are 1-based lines of the file (the opening '---' is line 1).
    """
    try:
        deep = _too_deep(source)
        if deep is not None:
            raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels", deep)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line) from None
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of 'key: value' lines", 2)

    lines = _key_lines(source)
    fields, warnings = {}, []
    for key, value in data.items():
        line = lines.get(str(key), 2)
        if key not in KNOWN_KEYS:
            warnings.append((line, f"unknown front matter key {key!r} is ignored"))
            continue
        try:
            fields[key] = _clean(key, value)
        except ValueError as exc:
            raise FrontMatterError(f"{key}: {exc}", line) from None
    return fields, warnings


def _too_deep(source: str) -> int | None:
    """The file line where nesting passes MAX_DEPTH, or None.

    Read from the parser's events, which come without recursion: the loader recurses, and
    thousands of nested brackets would raise RecursionError instead of a readable error.
    """
    depth = 0
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return (event.start_mark.line if event.start_mark else 0) + 2
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _key_lines(source: str) -> dict[str, int]:
    """Map each top-level key to its file line (front matter starts on line 2)."""
    found: dict[str, int] = {}
    for i, line in enumerate(source.splitlines(), start=2):
        m = re.match(r"^([A-Za-z][\w-]*)\s*:", line)
        if m:
            found.setdefault(m.group(1), i)
    return found


def _clean(key: str, value):
    if key in ("title", "summary", "category", "owner"):
        if value is None:
            return ""
        if not isinstance(value, str | int | float):
            raise ValueError("must be text")
        return str(value).strip()
    if key in ("tags", "audience"):
        return _string_list(value)
    if key in ("updated", "review-by"):
        return _date(value)
    raise AssertionError(key)  # pragma: no cover - KNOWN_KEYS and _clean agree


def _string_list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise ValueError("must be a list or a comma-separated string")
    items = []
    for item in value:
        if not isinstance(item, str | int | float):
            raise ValueError("every item must be text")
        text = str(item).strip()
        if text and text not in items:
            items.append(text)
    return tuple(items)


def _date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    if not isinstance(value, str | int | float):  # never repr a list: aliases can make it huge
        raise ValueError("must be a date written as YYYY-MM-DD")
    raise ValueError(f"{_shorten(repr(value))} is not a date (write it as YYYY-MM-DD)")


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
