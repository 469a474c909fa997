"""Warming a newly opened index generation before searches need it, as Lucene's searcher
warmers do: which version of each article each language's readers see, each article's facet
values, the spelling words, the passages of the articles, the terms of the article fields with
their counts, the scores of each language's commonest words and the analysis of the words
snippets are made of are read once, a small step at a time, so that a new worker's (or a new
generation's) first searches cost what a worker that has been answering for a while pays, not
the cold reads.

What is warmed stays within the caches' own bounds: the passages of as many articles as the
passage cache keeps, and words until the scorer's cache is half full (the rest is left to the
words that queries bring).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, zip_longest

from kb.search.analysis import WORD, normalize
from kb.search.postings import document_frequencies
from kb.search.reader import Snapshot
from kb.search.results import FACETS
from kb.search.schema import ARTICLE_FIELDS, LANGS, field
from kb.search.scoring import MAX_CACHED

WORDS_SHARE = 0.5  # of the scorer's cache, filled with the commonest words
TERMS_A_STEP = 2000  # terms of the index's dictionary read in one step
WORDS_A_STEP = 100  # words of the passages analysed in one step

_LEMMATIZED: set[tuple[str, str]] = set()  # (key, version): articles whose words are analysed


def steps(snapshot: Snapshot) -> Iterator[None]:
    """The work of warming `snapshot`, a few ms a step (a very common word's scores take
    longer: as long as the first search for it would)."""
    for lang in LANGS:  # which version of each article a reader of `lang` is shown
        snapshot.table.shown(lang)
        yield
    for facet in FACETS:  # each article's values, as the results page counts them
        snapshot.table.facet(facet)
        yield
    spelling: dict[str, int] = {}
    yield from _add_up(snapshot, "spell", spelling)
    snapshot.lexicon.know(spelling)
    yield
    for info in snapshot.catalog.articles.values():
        if snapshot.passages.full():
            break
        snapshot.passages.of(info)
        yield
    by_lang = []
    for lang in sorted(snapshot.catalog.docnums):
        counted: dict[str, dict[str, int]] = {}
        for prefix in ARTICLE_FIELDS:
            counts = counted[prefix] = {}
            segments: dict[str, int] = {}
            yield from _add_up(snapshot, field(prefix, lang), counts, segments)
            snapshot.frequencies.know(field(prefix, lang), counts, segments)
        # The commonest words of the texts first: theirs are the longest postings, which cost
        # most to read cold.
        body = counted["body"]
        by_lang.append([(word, lang) for word in sorted(body, key=lambda w: -body[w])])
    scorer = snapshot.scorer
    for word, lang in (w for w in chain.from_iterable(zip_longest(*by_lang)) if w is not None):
        if scorer.cached >= MAX_CACHED * WORDS_SHARE:
            break
        scorer.anywhere(word, lang)
        yield
    yield from _lemmatize(snapshot)


def _lemmatize(snapshot: Snapshot) -> Iterator[None]:
    """Analyse the words of the texts snippets are made of, for the articles whose passages
    are held: highlighting a word analyses it, and a Russian word costs some 0.1 ms the first
    time (analysis.normalize keeps it for the process, so an article is done once a version)."""
    for info in snapshot.catalog.articles.values():
        if (info.key, info.version) in _LEMMATIZED or not snapshot.passages.holds(info):
            continue
        passages, _ = snapshot.passages.of(info)
        texts = chain([info.snippet], (p.snippet for p in passages), (p.section for p in passages))
        for done, word in enumerate((w for text in texts for w in WORD.findall(text)), 1):
            normalize(word, info.lang)
            if done % WORDS_A_STEP == 0:
                yield
        _LEMMATIZED.add((info.key, info.version))
        yield


def _add_up(
    snapshot: Snapshot, name: str, counts: dict[str, int], segments: dict[str, int] | None = None
) -> Iterator[None]:
    """Add each term of field `name` to `counts` with the number of its documents, over every
    segment of the generation; and to `segments`, if given, the segments it is in (bit i for
    segment i)."""
    for i, (leaf, _offset) in enumerate(snapshot.searcher.reader().leaf_readers()):
        for read, (term, count) in enumerate(document_frequencies(leaf, name), 1):
            counts[term] = counts.get(term, 0) + count
            if segments is not None:
                segments[term] = segments.get(term, 0) | 1 << i
            if read % TERMS_A_STEP == 0:
                yield
