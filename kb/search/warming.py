"""Warming a newly opened index generation before searches need it, as Lucene's searcher
warmers do: which version of each article each language's readers see, each article's facet
values, the spelling words, the passages of the articles, every posting of the article fields
(scored once, held as arrays: scoring.HeldField) and the analysis of the words snippets are made
of are read once, a small step at a time, so that a new worker's (or a new generation's) first
searches cost what a worker that has been answering for a while pays, not the cold reads.

The passages are warmed within their cache's bound: those of as many articles as it keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from kb.search.analysis import WORD, normalize
from kb.search.postings import document_frequencies, read_field
from kb.search.reader import Snapshot
from kb.search.results import FACETS
from kb.search.schema import ARTICLE_FIELDS, LANGS, field

TERMS_A_STEP = 2000  # terms of the spelling dictionary counted in one step
WORDS_A_STEP = 100  # words of the passages analysed in one step

_LEMMATIZED: set[tuple[str, str]] = set()  # (key, version): articles whose words are analysed


def steps(snapshot: Snapshot) -> Iterator[None]:
    """The work of warming `snapshot`, a few ms a step."""
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
    leaves = snapshot.searcher.reader().leaf_readers()
    for lang in sorted(snapshot.catalog.docnums):
        for name in (field(prefix, lang) for prefix in ARTICLE_FIELDS):
            postings = yield from read_field(leaves, name)
            snapshot.frequencies.know(name, postings.terms, postings.frequencies)
            snapshot.scorer.hold(name, lang, postings)
            yield
    yield from _lemmatize(snapshot)


def _lemmatize(snapshot: Snapshot) -> Iterator[None]:
    """Analyse the words of the texts snippets are made of, for the articles whose passages
    are held: highlighting a word analyses it, and a Russian word costs some 12 µs the first
    time (analysis.normalize keeps it for the process, so an article is done once a version)."""
    for info in snapshot.catalog.articles.values():
        if (info.key, info.version) in _LEMMATIZED or not snapshot.passages.holds(info):
            continue
        passages, _ = snapshot.passages.of(info)
        texts = chain([info.snippet], (p.snippet for p in passages), (p.section for p in passages))
        words = {w for text in texts for w in WORD.findall(text)}  # each once
        for done, word in enumerate(words, 1):
            normalize(word, info.lang)
            if done % WORDS_A_STEP == 0:
                yield
        _LEMMATIZED.add((info.key, info.version))
        yield


def _add_up(snapshot: Snapshot, name: str, counts: dict[str, int]) -> Iterator[None]:
    """Add each term of field `name` to `counts` with the number of its documents, over every
    segment of the generation."""
    for leaf, _offset in snapshot.searcher.reader().leaf_readers():
        for read, (term, count) in enumerate(document_frequencies(leaf, name), 1):
            counts[term] = counts.get(term, 0) + count
            if read % TERMS_A_STEP == 0:
                yield
