"""What agents searched for: top searches, content gaps, unopened results, corrections."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Connection, func, select

from kb.insights import summaries
from kb.insights.period import Period


@dataclass(frozen=True)
class QueryCount:
    """A query (as most often typed) and how many searches it stands for."""

    lang: str
    query: str
    searches: int


@dataclass(frozen=True)
class Correction:
    """A query the engine changed before searching: a wrong keyboard layout or a typo."""

    lang: str
    query: str
    corrected: str
    kind: str  # "layout" or "spelling"
    searches: int


@dataclass(frozen=True)
class SearchReport:
    total: int
    no_results_total: int
    not_opened_total: int  # searches with results of which none was opened
    top: list[QueryCount]
    no_results: list[QueryCount]
    not_opened: list[QueryCount]
    corrections: list[Correction]
    # Searches that found something only through a typo fix, another layout, a synonym or the
    # other language, or only a weak match: content that may be missing, apart from real hits.
    expanded_total: int = 0
    weak_total: int = 0
    expanded: list[QueryCount] = field(default_factory=list)
    weak: list[QueryCount] = field(default_factory=list)


def normalize(query: str) -> str:
    """Queries that differ only in case and spacing are counted as one.

    >>> normalize("  Перевод   В Retention ")
    'перевод в retention'
    """
    return " ".join(query.casefold().split())


def search_report(
    conn: Connection, period: Period, lang: str | None, limit: int = 50
) -> SearchReport:
    """Every search table of the period, each list longest first and cut at `limit`."""
    u = summaries.searches_in(period, lang)
    rows = conn.execute(
        select(
            u.c.lang, u.c.query, u.c.corrected, u.c.correction, u.c.found, u.c.opened,
            u.c.found_by, func.sum(u.c.searches).label("searches"),
        ).group_by(
            u.c.lang, u.c.query, u.c.corrected, u.c.correction, u.c.found, u.c.opened,
            u.c.found_by,
        )
    ).all()  # fmt: skip
    top, empty, unopened = _Tally(), _Tally(), _Tally()
    expanded, weak = _Tally(), _Tally()
    corrections: Counter[tuple[str, str, str, str]] = Counter()
    for row in rows:
        top.add(row.lang, row.query, row.searches)
        if not row.found:
            empty.add(row.lang, row.query, row.searches)
        elif not row.opened:
            unopened.add(row.lang, row.query, row.searches)
        if row.found and row.found_by == "expanded":
            expanded.add(row.lang, row.query, row.searches)
        elif row.found and row.found_by == "weak":
            weak.add(row.lang, row.query, row.searches)
        if row.correction and row.corrected:
            key = (row.lang, normalize(row.query), normalize(row.corrected), row.correction)
            corrections[key] += row.searches
    return SearchReport(
        total=top.total,
        no_results_total=empty.total,
        not_opened_total=unopened.total,
        top=top.most_common(limit),
        no_results=empty.most_common(limit),
        not_opened=unopened.most_common(limit),
        corrections=[
            Correction(lg, query, corrected, kind, n)
            for (lg, query, corrected, kind), n in _longest_first(corrections)[:limit]
        ],
        expanded_total=expanded.total,
        weak_total=weak.total,
        expanded=expanded.most_common(limit),
        weak=weak.most_common(limit),
    )


class _Tally:
    """Counts per normalized query, shown in the spelling agents used most."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()  # (lang, normalized query)
        self.spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.total = 0

    def add(self, lang: str, query: str, searches: int) -> None:
        key = (lang, normalize(query))
        self.counts[key] += searches
        self.spellings[key][query.strip()] += searches
        self.total += searches

    def most_common(self, limit: int) -> list[QueryCount]:
        return [
            QueryCount(lang, _usual(self.spellings[(lang, norm)]), n)
            for (lang, norm), n in _longest_first(self.counts)[:limit]
        ]


Key = TypeVar("Key", bound=tuple[str, ...])


def _usual(spellings: Counter[str]) -> str:
    return min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _longest_first(counts: Counter[Key]) -> list[tuple[Key, int]]:
    """Largest count first; ties in a stable, readable order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
