"""A three-way merge of line-based texts (diff3 on difflib): changes that do not overlap are
combined, the rest come back as conflicts with both versions."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

MINE_MARK = "<<<<<<< "
SPLIT_MARK = "======="
THEIRS_MARK = ">>>>>>> "


@dataclass(frozen=True)
class Conflict:
    """Lines both sides changed differently; `line` is where it starts in the merged text."""

    line: int
    base: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class MergeResult:
    text: str  # the merge, with conflict markers around each conflict
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge3(
    base: str, mine: str, theirs: str, mine_label: str = "yours", theirs_label: str = "theirs"
) -> MergeResult:
    """Merge `mine` and `theirs`, both edited from `base`.

    >>> merge3("a\\nb\\nc\\n", "A\\nb\\nc\\n", "a\\nb\\nC\\n").text
    'A\\nb\\nC\\n'
    >>> merge3("a\\n", "b\\n", "c\\n").conflicts[0].mine
    'b\\n'
    """
    b, m, t = (_lines(s) for s in (base, mine, theirs))
    out: list[str] = []
    conflicts: list[Conflict] = []
    ib = im = it = 0
    for zb, ze, mb, me, tb, te in _sync_regions(b, m, t):
        same, ours, other = b[ib:zb], m[im:mb], t[it:tb]
        if ours or other or same:
            if ours == other:
                out += ours
            elif ours == same:
                out += other
            elif other == same:
                out += ours
            else:
                line = len(out) + 1
                conflicts.append(Conflict(line, "".join(same), "".join(ours), "".join(other)))
                out.append(f"{MINE_MARK}{mine_label}\n")
                out += _ending(ours)
                out.append(f"{SPLIT_MARK}\n")
                out += _ending(other)
                out.append(f"{THEIRS_MARK}{theirs_label}\n")
        out += b[zb:ze]
        ib, im, it = ze, me, te
    return MergeResult("".join(out), tuple(conflicts))


def has_conflict_markers(text: str) -> bool:
    """True while a conflict block is left in the text (an editor must resolve it first)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(MINE_MARK)]
    return any(
        any(line == SPLIT_MARK for line in lines[i:])
        and any(line.startswith(THEIRS_MARK) for line in lines[i:])
        for i in starts
    )


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _ending(lines: list[str]) -> list[str]:
    """Lines with a newline at the end of the last one, so markers stay on their own lines."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def _sync_regions(
    base: list[str], mine: list[str], theirs: list[str]
) -> list[tuple[int, int, int, int, int, int]]:
    """Regions of base that both sides kept unchanged, as (base start, end, mine start, end,
    theirs start, end); the last one is empty, at the end of every text."""
    ours = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    other = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(ours) and j < len(other):
        b1, m1, n1 = ours[i]
        b2, t2, n2 = other[j]
        start, end = max(b1, b2), min(b1 + n1, b2 + n2)
        if start < end:
            regions.append(
                (start, end, m1 + start - b1, m1 + end - b1, t2 + start - b2, t2 + end - b2)
            )
        if b1 + n1 < b2 + n2:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(mine), len(mine), len(theirs), len(theirs)))
    return regions
