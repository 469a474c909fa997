"""BM25 over the article fields, computed from posting lists cached for one index generation.

Whoosh's own matchers score a posting in about 7 µs of Python, so a query whose words are in two
thousand articles took 40-130 ms. Here a term's scores are arrays of article positions (table.py)
and their BM25 scores, and a query is array work (NumPy), well under a millisecond. Once warming
has read an article field whole, every term's scores are slices of it (HeldField); until then a
term's postings are read the first time a query asks and kept in a cache bounded in bytes. Whoosh
still stores, analyses and matches phrases.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from kb.search.postings import FieldPostings, blocks, term_info
from kb.search.query import Unit, unit_terms, weighted_terms
from kb.search.schema import ARTICLE_FIELDS, field
from kb.search.table import ArticleTable, Ints, members

K1 = 1.2
B = 0.75
MAX_CACHED = 40_000_000  # bytes of scores kept per process
POSTING, ENTRY = 16, 500  # bytes a cached posting takes (position, score), and an entry besides
COORDINATION = 0.5  # in an any-word search, each missing word costs this share of the score
TITLE = 10.0  # an article whose title is the query, word for word, scores this many times more

Floats = npt.NDArray[np.float64]


class Scores(NamedTuple):
    """Article positions (ascending, each once) and their scores. Cached ones are shared:
    callers never change them."""

    docs: Ints
    values: Floats


NONE = Scores(np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float64))


class HeldField(NamedTuple):
    """The scores of every term of one field, held whole: term i's are the slices from
    `starts[i]` to `starts[i + 1]` of `docs` and `values`."""

    terms: dict[str, int]
    starts: Ints
    docs: Ints
    values: Floats

    def scores(self, term: str) -> Scores:
        row = self.terms.get(term)
        if row is None:
            return NONE
        start, end = self.starts[row], self.starts[row + 1]
        return Scores(self.docs[start:end], self.values[start:end])


class Scorer:
    """Scores the article docs of one generation; caches a term's scores on first use."""

    def __init__(self, searcher, table: ArticleTable):
        self.table = table
        self.reader = searcher.reader()
        self._leaves = self.reader.leaf_readers()
        self.counts: dict[str, int] = {}
        for info in table.infos:
            self.counts[info.lang] = self.counts.get(info.lang, 0) + 1
        # Field lengths of every article, by position (0 where the field is another
        # language's), read once per generation. whoosh3 3.54 answers None, not the default,
        # for an empty field: hence the `or 0`.
        self._lengths: dict[str, Ints] = {}
        self._average: dict[str, float] = {}
        for lang in self.counts:
            for name in (field(prefix, lang) for prefix in ARTICLE_FIELDS):
                lengths = [
                    self.reader.doc_field_length(i.docnum, name, 0) or 0 if i.lang == lang else 0
                    for i in table.infos
                ]
                self._lengths[name] = np.array(lengths, dtype=np.intp)
                self._average[name] = (sum(lengths) / self.counts[lang]) or 1.0
        self._cache: OrderedDict[tuple, Scores | Ints] = OrderedDict()
        self._cached = 0
        self._held: dict[str, HeldField] = {}

    @property
    def cached(self) -> int:
        """Bytes the cache holds now, roughly."""
        return self._cached

    def _remember(self, key: tuple, value: Scores | Ints) -> None:
        self._cache[key] = value
        self._cached += _bytes(value)
        while self._cached > MAX_CACHED and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached -= _bytes(dropped)

    def _recall(self, key: tuple):
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
        return value

    @property
    def held(self) -> int:
        """Bytes of the fields held whole, roughly."""
        return sum(f.docs.nbytes + f.values.nbytes + f.starts.nbytes for f in self._held.values())

    def hold(self, name: str, lang: str, postings: FieldPostings) -> None:
        """Score every posting of field `name` (of `lang`) once: its terms are then looked up,
        never read from the index again."""
        count = max(self.counts.get(lang, 0), 1)
        idf = np.array([_idf(count, df) for df in postings.frequencies], dtype=np.float64)
        docs = self.table.position[postings.docnums]
        lengths = self._lengths.get(name, np.zeros(len(self.table), dtype=np.intp))[docs]
        values = self._bm25(name, idf[postings.rows], postings.weights, lengths)
        starts = np.zeros(len(postings.terms) + 1, dtype=np.intp)
        np.cumsum(np.bincount(postings.rows, minlength=len(postings.terms)), out=starts[1:])
        self._held[name] = HeldField(postings.terms, starts, docs, values)

    def term(self, name: str, lang: str, text: str) -> Scores:
        """BM25 score of every article that has `text` in field `name`."""
        held = self._held.get(name)
        if held is not None:
            return held.scores(text)
        key = (name, text)
        scores = self._recall(key)
        if scores is not None:
            return scores
        found = [
            (leaf, offset, info)
            for leaf, offset in self._leaves
            if (info := term_info(leaf, name, text))
        ]
        scores = NONE
        if found:
            count = max(self.counts.get(lang, 0), 1)
            idf = _idf(count, sum(info.doc_frequency() for _, _, info in found))
            docnums, weights = [], []
            for leaf, offset, info in found:  # each segment's postings, offset by hand
                for ids, block in blocks(leaf, name, text, info):
                    docnums.append(np.asarray(ids, dtype=np.intp) + offset)
                    weights.append(np.asarray(block, dtype=np.float64))
            docs = self.table.position[np.concatenate(docnums)]
            lengths = self._lengths.get(name, np.zeros(len(self.table), dtype=np.intp))
            scores = Scores(docs, self._bm25(name, idf, np.concatenate(weights), lengths[docs]))
        self._remember(key, scores)
        return scores

    def _bm25(self, name: str, idf: Floats | float, weight: Floats, lengths: Ints) -> Floats:
        """BM25 of postings of field `name` with these term weights and field lengths."""
        base, per_length = K1 * (1 - B), K1 * B / self._average.get(name, 1.0)
        values: Floats = idf * weight * (K1 + 1) / (weight + base + per_length * lengths)
        return values

    def unit(self, unit: Unit, lang: str) -> Scores:
        """Scores of the articles of `lang` that match `unit` (any of its alternatives)."""
        found = [
            (self._phrase(terms, lang) if unit.phrase else self._all(terms, lang), weight)
            for terms, weight in weighted_terms(unit, lang)
        ]
        if len(found) == 1 and found[0][1] == 1.0:
            return found[0][0]
        best = np.zeros(len(self.table))  # the best way each article matches
        for scores, weight in found:
            values = scores.values * weight
            better = values > best[scores.docs]
            best[scores.docs[better]] = values[better]
        docs = np.flatnonzero(best > 0.0)
        return Scores(docs, best[docs])

    def anywhere(self, text: str, lang: str) -> Scores:
        """Articles of `lang` with the term `text` in any article field, each field's score
        weighted: how a word of a query is scored (cached, as each field's scores are)."""
        key = ("anywhere", lang, text)
        out = self._recall(key)
        if out is None:
            out = self._sum(
                [(self.term(field(p, lang), lang, text), b) for p, b in ARTICLE_FIELDS.items()]
            )
            self._remember(key, out)
        return out

    def _sum(self, parts: list[tuple[Scores, float]]) -> Scores:
        """Every article in any of `parts`, with the sum of its weighted scores."""
        found_in = [(scores, weight) for scores, weight in parts if scores.docs.size]
        if len(found_in) <= 1:  # a rare word is in one field: nothing to add up
            scores, weight = found_in[0] if found_in else (NONE, 1.0)
            return Scores(scores.docs, weight * scores.values)
        total = np.zeros(len(self.table))
        found = np.zeros(len(self.table), dtype=bool)
        for scores, weight in parts:
            total[scores.docs] += weight * scores.values
            found[scores.docs] = True
        docs = np.flatnonzero(found)
        return Scores(docs, total[docs])

    def _all(self, terms: tuple[str, ...], lang: str) -> Scores:
        """Articles with every one of `terms` (a word, or the parts of e-mail or SIM-карта)."""
        return self._together([self.anywhere(t, lang) for t in terms])

    def _phrase(self, terms: tuple[str, ...], lang: str) -> Scores:
        """Articles with `terms` side by side in one field, scored as if they were separate."""
        out = []
        for prefix, boost in ARTICLE_FIELDS.items():
            name = field(prefix, lang)
            parts = [self.term(name, lang, t) for t in terms]
            docs = self._adjacent(name, terms, parts)
            values = sum(  # each part's scores of those docs
                (p.values[np.searchsorted(p.docs, docs)] for p in parts), np.zeros(len(docs))
            )
            out.append((Scores(docs, values), boost))
        return self._sum(out)

    def _adjacent(self, name: str, terms: tuple[str, ...], parts: list[Scores]) -> Ints:
        """Articles where `terms` stand in this order, one after another, in field `name`."""
        key = ("phrase", name, terms)
        cached = self._recall(key)
        if cached is not None:
            return cached
        common = self._together(parts).docs if all(p.docs.size for p in parts) else NONE.docs
        matchers = [self.reader.postings(name, t) for t in terms] if common.size else []
        found = []
        for doc in common:
            starts = None
            for offset, matcher in enumerate(matchers):
                matcher.skip_to(int(self.table.docnums[doc]))
                positions = {p - offset for p in matcher.value_as("positions")}
                starts = positions if starts is None else starts & positions
                if not starts:
                    break
            if starts:
                found.append(doc)
        docs = np.array(found, dtype=np.intp)
        self._remember(key, docs)
        return docs

    def match(self, units: list[Unit], lang: str, every: bool) -> Scores:
        """Articles of `lang` matching all `units` (`every`) or any, with their scores; an
        article whose title is the query, word for word, scores TITLE times more."""
        searched = [u for u in units if unit_terms(u, lang)]
        if not searched:
            return NONE
        if every:
            return self._every(searched, units, lang)
        parts = [self.unit(u, lang) for u in searched]
        if len(parts) == 1:
            return parts[0]
        total = np.zeros(len(self.table))
        matched = np.zeros(len(self.table), dtype=np.intp)
        for p in parts:
            total[p.docs] += p.values
            matched[p.docs] += 1
        docs = np.flatnonzero(matched)
        missing = len(parts) - matched[docs]
        return Scores(docs, total[docs] * (1 - COORDINATION) ** missing)

    def _every(self, searched: list[Unit], units: list[Unit], lang: str) -> Scores:
        """Articles with every one of the `searched` units; none as soon as one unit has none
        (a query in one language, searched in the other's fields, stops at its first word)."""
        parts = []
        for unit in searched:
            scores = self.unit(unit, lang)
            if not scores.docs.size:
                return NONE
            parts.append(scores)
        found = self._together(parts)
        titled = self._titled(units, lang) if found.docs.size else NONE.docs
        if titled.size and (mask := members(found.docs, titled)).any():
            found = Scores(found.docs, np.where(mask, found.values * TITLE, found.values))
        return found

    def _titled(self, units: list[Unit], lang: str) -> Ints:
        """Articles of `lang` whose title is made of the units' terms (as typed or corrected,
        not synonyms) and nothing else."""
        name = field("title", lang)
        docs: Ints | None = None
        length = 0
        for unit in units:
            options = [terms for terms, weight in weighted_terms(unit, lang) if weight == 1.0]
            if not options:
                continue  # stop words only
            each = [self._together([self.term(name, lang, t) for t in o]).docs for o in options]
            found = each[0] if len(each) == 1 else np.unique(np.concatenate(each))
            length += len(options[0])
            docs = found if docs is None else docs[members(docs, found)]
            if not docs.size:
                return NONE.docs
        if docs is None:
            return NONE.docs
        return docs[self._lengths[name][docs] == length]

    def _together(self, parts: list[Scores]) -> Scores:
        """Articles in every one of `parts`, with the sum of their scores (added in the order
        of the parts' sizes, smallest first)."""
        if len(parts) == 1:
            return parts[0]
        ordered = sorted(parts, key=lambda p: p.docs.size)
        docs, total = ordered[0]
        for p in ordered[1:]:  # each later part (as large, at least) is searched for the docs
            if not docs.size:
                break
            at = np.minimum(np.searchsorted(p.docs, docs), p.docs.size - 1)
            kept = p.docs[at] == docs
            docs, total = docs[kept], total[kept] + p.values[at[kept]]
        return Scores(docs, total)


def _idf(count: int, df: int) -> float:
    return math.log(1 + (count - df + 0.5) / (df + 0.5))


def _bytes(value: Scores | Ints) -> int:
    return POSTING * (value.docs.size if isinstance(value, Scores) else value.size) + ENTRY
