"""Finding articles: match in both languages, one entry per article, filters and facets, and the
section that answers for each article shown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain

from kb.search.analysis import terms as text_terms
from kb.search.query import Unit, unit_terms
from kb.search.reader import ArticleInfo, Snapshot
from kb.search.results import FACETS
from kb.search.schema import LANGS

OTHER_LANGUAGE = 0.7  # a match in the other language counts this much


@dataclass(frozen=True, slots=True)
class Match:
    """One article found: the best score of its languages, the version to show, and the version
    that scored it (the same, or the other language's)."""

    slug: str
    score: float
    shown: ArticleInfo
    found: ArticleInfo


@dataclass(frozen=True)
class Part:
    """The best section or step of a shown article; `answers` if it matches everything the
    article's title does not (then the hit links to it)."""

    anchor: str
    section: str
    kind: str
    snippet: str
    answers: bool


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
    ordered = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    return [Match(slug, score, shown[doc], by_docnum[doc]) for slug, (score, doc) in ordered]


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


def _covered(unit: Unit, lang: str, terms: set[str] | frozenset[str]) -> bool:
    return any(set(option) <= terms for option in unit_terms(unit, lang))


def parts(snapshot: Snapshot, units: list[Unit], matches: list[Match]) -> dict[str, Part]:
    """For each shown article whose title does not answer the whole query, its best section or
    step: of those that match everything the title does not, the one with most of it in its
    heading (the first such if several); else the one that matches most, for its snippet. An
    article found in the other language shows the same step or row of its translation (blocks
    keep their anchors across languages; sections, whose anchors follow the heading, do not).

    Sections carry their terms as stored fields, so this reads a few dozen stored documents
    instead of the section posting lists of the whole index."""
    searcher = snapshot.searcher
    found: dict[str, Part] = {}
    for match in matches:
        info = match.shown
        best = _best_part(searcher, units, info)
        if best is None and match.found.lang != info.lang:
            steps = snapshot.step_docnums
            answer = _best_part(searcher, units, match.found, steps)
            if answer is not None:
                same = _part_with_anchor(searcher, info, answer[0]["anchor"], steps)
                best = None if same is None else (same, answer[1])
        if best is not None:
            fields, answers = best
            found[info.key] = Part(
                fields["anchor"], fields["section"], fields["kind"], fields["snippet"], answers
            )
    return found


def _best_part(
    searcher, units: list[Unit], info: ArticleInfo, among: frozenset[int] | None = None
) -> tuple[dict, bool] | None:
    """The stored fields of the article's part (`among` those docs, if given) that matches
    best, and whether it matches all that the title does not; None if the title answers or no
    part matches."""
    docnums = [
        d
        for d in searcher.document_numbers(article=info.key)
        if d != info.docnum and (among is None or d in among)
    ]
    if not docnums:
        return None
    title = set(text_terms(info.title, info.lang))
    needed = [u for u in units if unit_terms(u, info.lang)]
    rest = [u for u in needed if not _covered(u, info.lang, title)]
    if not rest:
        return None
    best, best_rank = None, None
    for docnum in docnums:
        fields = searcher.stored_fields(docnum)
        heading, text = frozenset(fields["heading_terms"]), frozenset(fields["text_terms"])
        everything = heading | text
        matched = [u for u in rest if _covered(u, info.lang, everything)]
        if not matched:
            continue
        in_heading = sum(_covered(u, info.lang, heading) for u in matched)
        rank = (len(matched) == len(rest), len(matched), in_heading, -docnum)
        if best_rank is None or rank > best_rank:
            best, best_rank = fields, rank
    return None if best is None or best_rank is None else (best, best_rank[0])


def _part_with_anchor(
    searcher, info: ArticleInfo, anchor: str, steps: frozenset[int]
) -> dict | None:
    """The stored fields of the article's step or row with this anchor, if it has one."""
    for docnum in searcher.document_numbers(article=info.key):
        if docnum in steps and (fields := searcher.stored_fields(docnum))["anchor"] == anchor:
            return fields
    return None
