"""Finding articles: match in both languages, one entry per article, filters and facets. Which
passage of each answers is passages.py's business."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from typing import NamedTuple, overload

import numpy as np

from kb.search.query import Unit
from kb.search.reader import ArticleInfo, Snapshot
from kb.search.results import FACETS
from kb.search.schema import LANGS
from kb.search.scoring import Floats
from kb.search.table import Ints, facet_values

OTHER_LANGUAGE = 0.7  # a match in the other language counts this much


class Match(NamedTuple):
    """One article found: the best score of its languages, the version to show, and the version
    that scored it (the same, or the other language's). A tuple: thousands are made a search."""

    slug: str
    score: float
    shown: ArticleInfo
    found: ArticleInfo


class Matches(Sequence[Match]):
    """Articles found, best first, as arrays (table.py); made into Match tuples only when read:
    a common word matches thousands of articles, and a search reads a page of them (all only
    to filter or count)."""

    def __init__(self, found: Ints, scores: Floats, snapshot: Snapshot, lang: str):
        self._found = found  # positions of the versions that scored, best first
        self._scores = scores
        self._snapshot = snapshot
        self._lang = lang

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self._match(i) for i in range(*index.indices(len(self)))]
        return self._match(range(len(self))[index])

    def _match(self, i: int) -> Match:
        found = self._snapshot.table.infos[self._found[i]]
        shown = self._snapshot.catalog.shown_by_docnum(self._lang)[found.docnum]
        return Match(found.slug, float(self._scores[i]), shown, found)

    def __iter__(self) -> Iterator[Match]:
        return (self._match(i) for i in range(len(self)))

    def shown(self) -> Ints:
        """The position of the article shown for each match."""
        return self._snapshot.table.shown(self._lang)[self._found]

    def shown_articles(self) -> list[ArticleInfo]:
        """The article shown for each match, with no Match made."""
        infos = self._snapshot.table.infos
        return [infos[p] for p in self.shown()]

    def facet_counts(self) -> dict[str, tuple[tuple[str, int], ...]]:
        """Each facet's values among the articles shown, counted."""
        return self._snapshot.table.facet_counts(self.shown())

    def where(self, keep: Callable[[ArticleInfo], bool]) -> Matches:
        """The matches whose article as shown passes `keep`."""
        kept = np.array([keep(info) for info in self.shown_articles()], dtype=bool)
        return Matches(self._found[kept], self._scores[kept], self._snapshot, self._lang)

    def then(self, other: Matches) -> Matches:
        """These matches, then those of `other` that are not among them."""
        table = self._snapshot.table
        seen = np.zeros(len(table.slugs), dtype=bool)
        seen[table.slug[self._found]] = True
        new = ~seen[table.slug[other._found]]
        found = np.concatenate((self._found, other._found[new]))
        scores = np.concatenate((self._scores, other._scores[new]))
        return Matches(found, scores, self._snapshot, self._lang)


def find(snapshot: Snapshot, units: list[Unit], lang: str, every: bool) -> Matches:
    """Articles matching `units` (all of them if `every`) in either language, best first, one per
    slug, each shown in `lang` when translated."""
    table = snapshot.table
    best = np.full(len(table.slugs), -1.0)  # slug id → its best score, and the version of it
    chosen = np.full(len(table.slugs), -1, dtype=np.intp)
    for each in LANGS:  # a tie goes to the first language
        found = snapshot.scorer.match(units, each, every)
        scores = found.values * (1.0 if each == lang else OTHER_LANGUAGE)
        slugs = table.slug[found.docs]
        better = scores > best[slugs]
        best[slugs[better]] = scores[better]
        chosen[slugs[better]] = found.docs[better]
    slugs = np.flatnonzero(chosen >= 0)
    order = slugs[np.lexsort((slugs, -best[slugs]))]  # by score, then by slug
    return Matches(chosen[order], best[order], snapshot, lang)


def browse(snapshot: Snapshot, lang: str) -> list[Match]:
    """Every article, shown in `lang` when translated, by title: for filters without words."""
    catalog = snapshot.catalog
    shown = [catalog.shown(slug, lang) for slug in catalog.langs]
    ordered = sorted((s for s in shown if s is not None), key=lambda s: s.title.casefold())
    return [Match(s.slug, 0.0, s, s) for s in ordered]


def _passes(info: ArticleInfo, filters: Mapping[str, str]) -> bool:
    return all(
        any(v.casefold() == wanted.casefold() for v in facet_values(info, facet))
        for facet, wanted in filters.items()
    )


def apply_filters(matches: Sequence[Match], filters: Mapping[str, str]) -> Sequence[Match]:
    if not filters:
        return matches
    if isinstance(matches, Matches):
        return matches.where(lambda info: _passes(info, filters))
    return [m for m in matches if _passes(m.shown, filters)]


def facets(
    matches: Sequence[Match], filters: Mapping[str, str]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Values of each facet among the articles of `matches` as shown, each counted with the
    other facets' filters on."""
    if isinstance(matches, Matches) and not filters:
        return matches.facet_counts()
    infos = matches.shown_articles() if isinstance(matches, Matches) else [m.shown for m in matches]
    out = {}
    for facet in FACETS:
        others = {k: v for k, v in filters.items() if k != facet}
        pool = [info for info in infos if _passes(info, others)] if others else infos
        counts = Counter(chain.from_iterable(facet_values(info, facet) for info in pool))
        out[facet] = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))
    return out
