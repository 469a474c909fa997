"""Passages as the unit of retrieval: every section, step, outcome, row and block of the articles
found is scored on its own, and results are ranked by how well the passage answers.

The articles come from the fast article-level search (scoring.py); the passages of the first
CANDIDATES of them are scored here from the terms their docs store, so a query reads a few
hundred small stored documents (cached per generation) rather than posting lists of every
passage in the index. A passage's heading (a row's scenario, a step's question, a section's
heading) weighs most, then its text; the article's title and tags count as context.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from sys import intern
from typing import TYPE_CHECKING, Any, NamedTuple

from kb.search.analysis import terms as text_terms
from kb.search.documents import passages_key
from kb.search.frequency import Frequencies
from kb.search.query import Unit, weighted_terms
from kb.search.schema import field
from kb.search.snippets import one_line

if TYPE_CHECKING:  # the reader builds a PassageStore for each snapshot
    from kb.search.reader import ArticleInfo

HEADING, TEXT, CONTEXT = 3.0, 1.0, 0.5  # how much a term counts in each part of a passage
HEADING_B, TEXT_B = 0.3, 0.75  # length normalisation of headings and texts (as BM25's b)
AVERAGE_HEADING, AVERAGE_TEXT = 6.0, 40.0  # terms, about
COVERAGE = 2.0  # a passage's score is scaled by (the share of the query it matches) ** this
ARTICLE_PRIOR = 0.25  # the article's own score lifts its passages by up to this share
TITLE = 2.0  # an article whose title is the query, word for word, scores this many times more
# Passages kept per process: about 45 MB, all those of a 4,300-page corpus (a passage read again
# costs 20-80 µs, and a long reference article has hundreds).
CACHED_PASSAGES = 20_000


@dataclass(frozen=True, slots=True)
class Passage:
    """One searchable part of an article, as stored in the index."""

    position: int  # in the article: 0 for the article itself, then its parts in order
    anchor: str  # '' for the article as a whole (its title and summary)
    section: str
    kind: str
    snippet: str  # on one line, as snippets.snippet takes it
    heading: frozenset[str]
    text: frozenset[str]
    answer: tuple[str, ...] | None  # the fields of results.Answer
    # What a term found in the heading, or in the text, counts for (its idf times this).
    heading_weight: float
    text_weight: float


class Scored(NamedTuple):
    """A passage with its score, and how it matched: `covered` if every unit matched, `exact`
    if every unit matched as typed (no synonym or related word)."""

    passage: Passage
    info: ArticleInfo
    score: float
    covered: bool
    exact: bool


class PassageStore:
    """The passages of each article of one generation, read when first needed."""

    def __init__(self, searcher: Any, counts: dict[str, int], frequencies: Frequencies):
        self.reader = searcher.reader()
        self.counts = counts  # articles per language
        self.frequencies = frequencies
        self._articles: OrderedDict[str, tuple[list[Passage], frozenset[str]]] = OrderedDict()
        self.held = 0  # passages in _articles
        self._idf: dict[tuple[str, str], float] = {}

    def of(self, info: ArticleInfo) -> tuple[list[Passage], frozenset[str]]:
        """The article's passages (the article itself first) and its context terms."""
        found = self._articles.get(info.key)
        if found is not None:
            self._articles.move_to_end(info.key)
            return found
        passages = [
            _passage(position, stored) for position, stored in enumerate(self._stored(info))
        ]
        context = frozenset(text_terms(" ".join((info.title, *info.tags)), info.lang))
        self._articles[info.key] = found = (passages, context)
        self.held += len(passages)
        while self.held > CACHED_PASSAGES and len(self._articles) > 1:
            self.held -= len(self._articles.popitem(last=False)[1][0])
        return found

    def holds(self, info: ArticleInfo) -> bool:
        """Whether the passages of `info` are read and held."""
        return info.key in self._articles

    def full(self) -> bool:
        return self.held >= CACHED_PASSAGES

    def keep(self, old: PassageStore, unchanged: set[str]) -> None:
        """Take over what `old` read of the articles `unchanged` (by key): an article's
        passages depend on its version alone."""
        for key, found in old._articles.items():
            if key in unchanged and key not in self._articles:
                self._articles[key] = found
                self.held += len(found[0])

    def _stored(self, info: ArticleInfo) -> tuple[tuple[Any, ...], ...]:
        """The stored passages of the article: one doc, found by its key (the key's postings,
        not a query: Whoosh's query machinery costs more)."""
        key = passages_key(info.key).encode("utf-8")
        if ("key", key) not in self.reader:
            return ()
        for docnum in self.reader.postings("key", key).all_ids():  # deleted docs are skipped
            stored: tuple[tuple[Any, ...], ...] = self.reader.stored_fields(docnum).get(
                "passages", ()
            )
            return stored
        return ()

    def idf(self, term: str, lang: str) -> float:
        """Rarity of a term among the articles of `lang`: rare words tell passages apart."""
        key = (term, lang)
        value = self._idf.get(key)
        if value is None:
            count = max(self.counts.get(lang, 0), 1)
            df = self.frequencies(field("body", lang), term)
            value = self._idf[key] = math.log(1 + (count - df + 0.5) / (df + 0.5))
        return value


def _passage(position: int, stored: tuple[Any, ...]) -> Passage:
    anchor, section, kind, snippet, heading, text, answer = stored
    heading_terms, text_terms = frozenset(map(intern, heading)), frozenset(map(intern, text))
    return Passage(
        position,
        anchor,
        section,
        kind,
        one_line(snippet),
        heading_terms,
        text_terms,
        answer,
        HEADING * _norm(len(heading_terms), HEADING_B, AVERAGE_HEADING),
        TEXT * _norm(len(text_terms), TEXT_B, AVERAGE_TEXT),
    )


def _norm(length: int, b: float, average: float) -> float:
    return 1.0 / (1 - b + b * length / average)


# One unit of a query, prepared once per query and language: its rarity (the idf of its words as
# typed), and each way of matching it as (terms with their idf, the sum of those, the weight).
Prepared = tuple[float, list[tuple[list[tuple[str, float]], float, float]]]


def prepare(
    store: PassageStore, options: Sequence[Sequence[tuple[tuple[str, ...], float]]], lang: str
) -> list[Prepared]:
    out = []
    for unit in options:
        rarity = sum(store.idf(t, lang) for t in unit[0][0])
        ways = []
        for terms, weight in unit:
            with_idf = [(t, store.idf(t, lang)) for t in terms]
            ways.append((with_idf, sum(i for _, i in with_idf), weight))
        out.append((rarity, ways))
    return out


def score_passage(
    passage: Passage, context: frozenset[str], units: list[Prepared]
) -> tuple[float, bool, bool]:
    """(score, every unit matched, every unit matched as typed) for one passage."""
    heading, text = passage.heading, passage.text
    heading_weight, text_weight = passage.heading_weight, passage.text_weight
    total, missing, expanded = 0.0, 0, False
    weight_all = weight_missing = 0.0
    for rarity, ways in units:
        # A unit missing costs in proportion to its rarity: "customer" little, "dunning" much.
        weight_all += rarity
        best, best_weight = 0.0, 0.0
        for terms, own, weight in ways:
            value = 0.0
            for term, idf in terms:
                if term in heading:
                    value += heading_weight * idf
                elif term in text:
                    value += text_weight * idf
                elif term in context:
                    value += CONTEXT * idf
                else:
                    value = 0.0
                    break
            if value and weight < 1.0:
                # A synonym counts as one word of its own rarity, never more than the words
                # typed: three words do not outweigh the one they stand for, nor a rare
                # synonym a common word typed.
                value = value / own * min(rarity, own / len(terms)) * weight
            if value > best:
                best, best_weight = value, weight
        if best:
            total += best
            expanded = expanded or best_weight < 1.0
        else:
            missing += 1
            weight_missing += rarity
    coverage = 1 - weight_missing / weight_all if weight_all else 0.0
    return total * coverage**COVERAGE, missing == 0, missing == 0 and not expanded


def _is_title(title: frozenset[str], units: list[Prepared]) -> bool:
    """Whether the query is the title: each unit, as typed or corrected, is in the title and
    together they are all of it (a known page asked for by its name comes first)."""
    used: set[str] = set()
    for _, ways in units:
        typed = [terms for terms, _, weight in ways if weight == 1.0]
        found = next((terms for terms in typed if all(t in title for t, _ in terms)), None)
        if found is None:
            return False
        used.update(t for t, _ in found)
    return bool(used) and used == title


def rank(
    store: PassageStore,
    units: list[Unit],
    infos: list[tuple[ArticleInfo, float]],
) -> list[Scored]:
    """The passages of the articles `infos` (each with its article score), best first; those
    that match no unit at all are left out."""
    top = max((s for _, s in infos), default=0.0) or 1.0
    out: list[Scored] = []
    by_lang: dict[str, tuple[list[Prepared], frozenset[str]]] = {}
    for info, article_score in infos:
        if info.lang not in by_lang:
            options = [o for u in units if (o := weighted_terms(u, info.lang))]
            prepared = prepare(store, options, info.lang)
            searched = frozenset(t for _, ways in prepared for ts, _, _ in ways for t, _ in ts)
            by_lang[info.lang] = prepared, searched
        prepared, searched = by_lang[info.lang]
        if not prepared:
            continue
        passages, context = store.of(info)
        lift = 1 + ARTICLE_PRIOR * article_score / top
        # A part with none of the words in its heading or text matches by the article's title
        # and tags alone, as every such part of the article does: scored once for them all
        # (a reference article may have hundreds of parts).
        by_context: tuple[float, bool, bool] | None = None
        for passage in passages:
            if (
                passage.anchor
                and searched.isdisjoint(passage.heading)
                and searched.isdisjoint(passage.text)
            ):
                if by_context is None:
                    by_context = score_passage(passage, context, prepared)
                value, covered, exact = by_context
            else:
                value, covered, exact = score_passage(passage, context, prepared)
            if value > 0:
                if not passage.anchor and _is_title(passage.heading, prepared):
                    value *= TITLE
                out.append(Scored(passage, info, value * lift, covered, exact))
    out.sort(key=lambda s: (-s.score, s.info.slug, s.passage.position))
    return out
