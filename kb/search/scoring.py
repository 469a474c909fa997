"""BM25 over the article fields, computed from posting lists cached for one index generation.

Whoosh's own matchers score a posting in about 7 µs of Python, so a query whose words are in two
thousand articles took 40-130 ms. Here each term's posting list is read once per generation into
a dict of docnum → BM25 score, and a query is dict and set work: a few ms, and under one for terms
already seen. Whoosh still stores, analyses and matches phrases.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from kb.search.frequency import Frequencies
from kb.search.postings import blocks, term_info
from kb.search.query import Unit, unit_terms, weighted_terms
from kb.search.schema import ARTICLE_FIELDS, field

K1 = 1.2
B = 0.75
MAX_CACHED = 400_000  # postings kept per process (about 40 MB)
COORDINATION = 0.5  # in an any-word search, each missing word costs this share of the score
TITLE = 10.0  # an article whose title is the query, word for word, scores this many times more

Scores = dict[int, float]


class Scorer:
    """Scores article docs of one generation; caches a term's scores on first use."""

    def __init__(self, searcher, article_docnums: dict[str, list[int]], frequencies: Frequencies):
        self.searcher = searcher
        self.frequencies = frequencies
        self.reader = searcher.reader()
        self._leaves = self.reader.leaf_readers()
        self.counts = {lang: len(docnums) for lang, docnums in article_docnums.items()}
        # Field lengths of every article doc, read once per generation (about 15 ms for 5,000
        # articles) rather than one at a time inside the scoring loops. whoosh3 3.54 answers
        # None, not the default, for an empty field: hence the `or 0`.
        self._lengths = {
            name: {d: self.reader.doc_field_length(d, name, 0) or 0 for d in docnums}
            for lang, docnums in article_docnums.items()
            for name in (field(prefix, lang) for prefix in ARTICLE_FIELDS)
        }
        self._average = {
            name: (sum(lengths.values()) / max(len(lengths), 1)) or 1.0
            for name, lengths in self._lengths.items()
        }
        self._cache: OrderedDict[tuple, Scores | frozenset[int]] = OrderedDict()
        self._cached = 0

    @property
    def cached(self) -> int:
        """Postings held in the cache now (a term's scores count one for each article)."""
        return self._cached

    def _remember(self, key: tuple, value: Scores | frozenset[int]) -> None:
        self._cache[key] = value
        self._cached += len(value) + 1
        while self._cached > MAX_CACHED and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached -= len(dropped) + 1

    def _recall(self, key: tuple):
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
        return value

    def term(self, name: str, lang: str, text: str) -> Scores:
        """BM25 score of every article doc that has `text` in field `name`."""
        key = (name, text)
        scores = self._recall(key)
        if scores is not None:
            return scores
        scores = {}
        if self.frequencies.absent(name, text):
            self._remember(key, scores)
            return scores
        found = [
            (leaf, offset, info)
            for leaf, offset in self._leaves
            if (info := term_info(leaf, name, text))
        ]
        if found:
            lengths = self._lengths.get(name, {})
            count = max(self.counts.get(lang, 0), 1)
            df = sum(info.doc_frequency() for _, _, info in found)
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            base, per_length = K1 * (1 - B), K1 * B / self._average.get(name, 1.0)
            # Each segment's own postings, a block at a time, offset by hand.
            for leaf, offset, info in found:
                for ids, weights in blocks(leaf, name, text, info):
                    for doc, weight in zip(ids, weights, strict=True):
                        doc += offset
                        scores[doc] = (
                            idf
                            * weight
                            * (K1 + 1)
                            / (weight + base + per_length * lengths.get(doc, 0))
                        )
        self._remember(key, scores)
        return scores

    def unit(self, unit: Unit, lang: str) -> Scores:
        """Scores of the article docs of `lang` that match `unit` (any of its alternatives).
        The dicts returned may be cached ones: callers never change them."""
        found = [
            (self._phrase(terms, lang) if unit.phrase else self._all(terms, lang), weight)
            for terms, weight in weighted_terms(unit, lang)
        ]
        if len(found) == 1 and found[0][1] == 1.0:
            return found[0][0]
        out: Scores = {}
        for scores, weight in found:  # the best way each doc matches
            for doc, score in scores.items():
                if score * weight > out.get(doc, 0.0):
                    out[doc] = score * weight
        return out

    def anywhere(self, text: str, lang: str) -> Scores:
        """Articles of `lang` with the term `text` in any article field, each field's score
        weighted: how a word of a query is scored (cached, as each field's scores are)."""
        key = ("anywhere", lang, text)
        out = self._recall(key)
        if out is None:
            out = {}
            for prefix, boost in ARTICLE_FIELDS.items():
                for doc, score in self.term(field(prefix, lang), lang, text).items():
                    out[doc] = out.get(doc, 0.0) + boost * score
            self._remember(key, out)
        return out

    def _all(self, terms: tuple[str, ...], lang: str) -> Scores:
        """Docs with every one of `terms` (a word, or the parts of e-mail or SIM-карта)."""
        parts = [self.anywhere(t, lang) for t in terms]
        return _together(parts)

    def _phrase(self, terms: tuple[str, ...], lang: str) -> Scores:
        """Docs with `terms` side by side in one field, scored as if they were separate."""
        out: Scores = {}
        for prefix, boost in ARTICLE_FIELDS.items():
            name = field(prefix, lang)
            parts = [self.term(name, lang, t) for t in terms]
            for doc in self._adjacent(name, terms, parts):
                out[doc] = out.get(doc, 0.0) + boost * sum(p[doc] for p in parts)
        return out

    def _adjacent(self, name: str, terms: tuple[str, ...], parts: list[Scores]) -> frozenset[int]:
        """Docs where `terms` stand in this order, one after another, in field `name`."""
        key = ("phrase", name, terms)
        cached = self._recall(key)
        if cached is not None:
            return cached
        common = sorted(set(parts[0]).intersection(*parts[1:])) if all(parts) else []
        matchers = [self.reader.postings(name, t) for t in terms] if common else []
        found = set()
        for doc in common:
            starts = None
            for offset, matcher in enumerate(matchers):
                matcher.skip_to(doc)
                positions = {p - offset for p in matcher.value_as("positions")}
                starts = positions if starts is None else starts & positions
                if not starts:
                    break
            if starts:
                found.add(doc)
        self._remember(key, frozenset(found))
        return frozenset(found)

    def match(self, units: list[Unit], lang: str, every: bool) -> Scores:
        """Article docs of `lang` matching all `units` (`every`) or any, with their scores; an
        article whose title is the query, word for word, scores TITLE times more."""
        parts = [self.unit(u, lang) for u in units if unit_terms(u, lang)]
        if not parts:
            return {}
        if every:
            found = _together(parts)
            titled = self._titled(units, lang) & found.keys()
            if titled:
                found = dict(found)  # the parts may be cached dicts: never changed
                for doc in titled:
                    found[doc] *= TITLE
            return found
        if len(parts) == 1:
            return parts[0]
        total: Scores = {}
        matched: dict[int, int] = {}
        for p in parts:
            for doc, score in p.items():
                total[doc] = total.get(doc, 0.0) + score
                matched[doc] = matched.get(doc, 0) + 1
        return {
            doc: s * (1 - COORDINATION) ** (len(parts) - matched[doc]) for doc, s in total.items()
        }

    def _titled(self, units: list[Unit], lang: str) -> set[int]:
        """Article docs of `lang` whose title is made of the units' terms (as typed or
        corrected, not synonyms) and nothing else."""
        name = field("title", lang)
        docs: set[int] | None = None
        length = 0
        for unit in units:
            options = [terms for terms, weight in weighted_terms(unit, lang) if weight == 1.0]
            if not options:
                continue  # stop words only
            found: set[int] = set()
            for terms in options:
                found.update(_together([self.term(name, lang, t) for t in terms]))
            length += len(options[0])
            docs = found if docs is None else docs & found
            if not docs:
                return set()
        lengths = self._lengths.get(name, {})
        return {doc for doc in docs or () if lengths.get(doc) == length}


def _together(parts: list[Scores]) -> Scores:
    """Docs in every one of `parts`, with the sum of their scores."""
    if len(parts) == 1:
        return parts[0]
    parts = sorted(parts, key=len)
    first, rest = parts[0], parts[1:]
    out = {doc: first[doc] for doc in set(first).intersection(*rest)}
    for part in rest:
        for doc in out:
            out[doc] += part[doc]
    return out
