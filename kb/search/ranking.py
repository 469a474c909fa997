"""Finding articles: match in both languages, one entry per article, filters and facets. Which
passage of each answers is passages.py's business."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import chain
from typing import NamedTuple

from kb.search.query import Unit
from kb.search.reader import ArticleInfo, Snapshot
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


def find(snapshot: Snapshot, units: list[Unit], lang: str, every: bool) -> list[Match]:
    """Articles matching `units` (all of them if `every`) in either language, best first, one per
    slug, each shown in `lang` when translated."""
    shown = snapshot.catalog.shown_by_docnum(lang)
    by_docnum = snapshot.catalog.by_docnum
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
    return [Match(slug, -score, shown[doc], by_docnum[doc]) for score, slug, doc in ordered]


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


def apply_filters(matches: list[Match], filters: Mapping[str, str]) -> list[Match]:
    return [m for m in matches if _passes(m.shown, filters)] if filters else matches


def facets(
    matches: list[Match], filters: Mapping[str, str]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Values of each facet among the matches, each counted with the other facets' filters on."""
    out = {}
    for facet in FACETS:
        others = {k: v for k, v in filters.items() if k != facet}
        pool = (
            [m.shown for m in matches if _passes(m.shown, others)]
            if others
            else [m.shown for m in matches]
        )
        if facet == "category":
            counts = Counter(info.category for info in pool if info.category)
        elif facet == "tag":
            counts = Counter(chain.from_iterable(info.tags for info in pool))
        else:
            counts = Counter(chain.from_iterable(info.audience for info in pool))
        out[facet] = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold())))
    return out
