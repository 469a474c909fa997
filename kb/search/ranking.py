"""Finding articles: match in both languages, one entry per article, filters and facets. Which
passage of each answers is passages.py's business."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from typing import NamedTuple, overload

from kb.search.query import Unit
from kb.search.reader import ArticleInfo, Catalog, Snapshot
from kb.search.results import FACETS
from kb.search.schema import LANGS

OTHER_LANGUAGE = 0.7  # a match in the other language counts this much


class Match(NamedTuple):
    """One article found: the best score of its languages, the version to show, and the version
    that scored it (the same, or the other language's). A tuple: thousands are made a search."""

    slug: str
    score: float
    shown: ArticleInfo
    found: ArticleInfo


class Matches(Sequence[Match]):
    """Articles found, best first, made into Match tuples only when read: a common word matches
    thousands of articles, and a search reads a page of them (all only to filter or count)."""

    def __init__(self, ordered: list[tuple[float, str, int]], catalog: Catalog, lang: str):
        self._ordered = ordered  # (-score, slug, docnum of the version that scored it)
        self._catalog = catalog
        self._lang = lang

    def __len__(self) -> int:
        return len(self._ordered)

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return [self._match(each) for each in self._ordered[index]]
        return self._match(self._ordered[index])

    def _match(self, each: tuple[float, str, int]) -> Match:
        score, slug, doc = each
        shown = self._catalog.shown_by_docnum(self._lang)[doc]
        return Match(slug, -score, shown, self._catalog.by_docnum[doc])

    def __iter__(self) -> Iterator[Match]:
        return (self._match(each) for each in self._ordered)

    def shown(self) -> list[ArticleInfo]:
        """The article shown for each match, with no Match made."""
        by_docnum = self._catalog.shown_by_docnum(self._lang)
        return [by_docnum[doc] for _, _, doc in self._ordered]

    def where(self, keep: Callable[[ArticleInfo], bool]) -> Matches:
        """The matches whose article as shown passes `keep`."""
        by_docnum = self._catalog.shown_by_docnum(self._lang)
        kept = [each for each in self._ordered if keep(by_docnum[each[2]])]
        return Matches(kept, self._catalog, self._lang)

    def slugs(self) -> set[str]:
        return {slug for _, slug, _ in self._ordered}

    def then(self, other: Matches) -> Matches:
        """These matches, then those of `other` that are not among them."""
        seen = self.slugs()
        more = [each for each in other._ordered if each[1] not in seen]
        return Matches(self._ordered + more, self._catalog, self._lang)


def find(snapshot: Snapshot, units: list[Unit], lang: str, every: bool) -> Matches:
    """Articles matching `units` (all of them if `every`) in either language, best first, one per
    slug, each shown in `lang` when translated."""
    shown = snapshot.catalog.shown_by_docnum(lang)
    best: dict[str, tuple[float, int]] = {}  # slug → (score, docnum): a hot loop, no objects
    for each in LANGS:
        weight = 1.0 if each == lang else OTHER_LANGUAGE
        for doc, score in snapshot.scorer.match(units, each, every).items():
            slug = shown[doc].slug
            score *= weight
            held = best.get(slug)
            if held is None or score > held[0]:
                best[slug] = (score, doc)
    ordered = sorted([(-score, slug, doc) for slug, (score, doc) in best.items()])
    return Matches(ordered, snapshot.catalog, lang)


def browse(snapshot: Snapshot, lang: str) -> list[Match]:
    """Every article, shown in `lang` when translated, by title: for filters without words."""
    catalog = snapshot.catalog
    shown = [catalog.shown(slug, lang) for slug in catalog.langs]
    ordered = sorted((s for s in shown if s is not None), key=lambda s: s.title.casefold())
    return [Match(s.slug, 0.0, s, s) for s in ordered]


def _values(info: ArticleInfo, facet: str) -> tuple[str, ...]:
    if facet == "category":
        return (info.category,) if info.category else ()
    return info.tags if facet == "tag" else info.audience


def _passes(info: ArticleInfo, filters: Mapping[str, str]) -> bool:
    return all(
        any(v.casefold() == wanted.casefold() for v in _values(info, facet))
        for facet, wanted in filters.items()
    )


def apply_filters(matches: Sequence[Match], filters: Mapping[str, str]) -> Sequence[Match]:
    if not filters:
        return matches
    if isinstance(matches, Matches):
        return matches.where(lambda info: _passes(info, filters))
    return [m for m in matches if _passes(m.shown, filters)]


def shown_articles(matches: Sequence[Match]) -> list[ArticleInfo]:
    """The articles as shown, of every match."""
    return matches.shown() if isinstance(matches, Matches) else [m.shown for m in matches]


def facets(
    infos: list[ArticleInfo], filters: Mapping[str, str]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Values of each facet among the articles `infos`, each counted with the other facets'
    filters on."""
    out = {}
    for facet in FACETS:
        others = {k: v for k, v in filters.items() if k != facet}
        pool = [info for info in infos if _passes(info, others)] if others else infos
        if facet == "category":
            counts = Counter(info.category for info in pool if info.category)
        elif facet == "tag":
            counts = Counter(chain.from_iterable(info.tags for info in pool))
        else:
            counts = Counter(chain.from_iterable(info.audience for info in pool))
        out[facet] = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))
    return out
