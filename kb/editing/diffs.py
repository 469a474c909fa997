"""Readable line diffs with the changed words marked inside changed lines."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

Parts = tuple[tuple[str, bool], ...]  # (text, changed) pieces of a line
MAX_INTRALINE = 2000  # characters: longer lines are marked as changed whole (quadratic matcher)


@dataclass(frozen=True)
class Row:
    """One line of a diff: kind is "same", "del" or "add"; parts are (text, changed) pairs."""

    kind: str
    old: int | None  # line number in the old text
    new: int | None  # line number in the new text
    parts: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


@dataclass(frozen=True)
class Hunk:
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Diff:
    hunks: tuple[Hunk, ...]
    added: int
    removed: int

    def __bool__(self) -> bool:
        return bool(self.hunks)


def line_diff(old: str, new: str, context: int = 3) -> Diff:
    """The changes from `old` to `new`, grouped in hunks with `context` unchanged lines around.

    >>> d = line_diff("a\\nb\\n", "a\\nc\\n")
    >>> [(r.kind, r.text) for r in d.hunks[0].rows]
    [('same', 'a'), ('del', 'b'), ('add', 'c')]
    """
    a, b = old.splitlines(), new.splitlines()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    hunks, added, removed = [], 0, 0
    for group in matcher.get_grouped_opcodes(context):
        rows: list[Row] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [
                    Row("same", i + 1, j + 1, ((a[i], False),))
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            removed += i2 - i1
            added += j2 - j1
            if tag == "replace":
                rows += _replaced(a, b, i1, i2, j1, j2)
            else:
                rows += [Row("del", i + 1, None, ((a[i], True),)) for i in range(i1, i2)]
                rows += [Row("add", None, j + 1, ((b[j], True),)) for j in range(j1, j2)]
        hunks.append(Hunk(tuple(rows)))
    return Diff(tuple(hunks), added, removed)


def _replaced(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[Row]:
    """Removed lines then added lines; lines paired in order get their changed words marked."""
    pairs = min(i2 - i1, j2 - j1)
    dels, adds = [], []
    for k in range(i2 - i1):
        i = i1 + k
        if k < pairs:
            old_parts, new_parts = intraline(a[i], b[j1 + k])
            dels.append(Row("del", i + 1, None, old_parts))
            adds.append(Row("add", None, j1 + k + 1, new_parts))
        else:
            dels.append(Row("del", i + 1, None, ((a[i], True),)))
    adds += [Row("add", None, j + 1, ((b[j], True),)) for j in range(j1 + pairs, j2)]
    return dels + adds


def intraline(old: str, new: str) -> tuple[Parts, Parts]:
    """Both lines split into (text, changed) parts, by words and spaces.

    >>> intraline("call the bank", "call a bank")[1]
    (('call ', False), ('a', True), (' bank', False))
    """
    if len(old) > MAX_INTRALINE or len(new) > MAX_INTRALINE:
        return ((old, True),), ((new, True),)
    x, y = _words(old), _words(new)
    old_parts: list[tuple[str, bool]] = []
    new_parts: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
        changed = tag != "equal"
        _add(old_parts, "".join(x[i1:i2]), changed)
        _add(new_parts, "".join(y[j1:j2]), changed)
    return tuple(old_parts), tuple(new_parts)


def _words(line: str) -> list[str]:
    """Runs of word characters, runs of spaces, and single other characters."""
    tokens: list[str] = []
    for ch in line:
        kind = "w" if ch.isalnum() or ch == "_" else "s" if ch.isspace() else "o"
        if tokens and kind != "o" and _kind(tokens[-1]) == kind:
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def _kind(token: str) -> str:
    ch = token[0]
    return "w" if ch.isalnum() or ch == "_" else "s" if ch.isspace() else "o"


def _add(parts: list[tuple[str, bool]], text: str, changed: bool) -> None:
    if not text:
        return
    if parts and parts[-1][1] == changed:
        parts[-1] = (parts[-1][0] + text, changed)
    else:
        parts.append((text, changed))
