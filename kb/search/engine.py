"""The search facade: build and update the index, search, suggest. Views use nothing else."""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb import DEFAULT_LANGUAGE
from kb.content import Article, Library
from kb.faults import Faults
from kb.search import complete, searching, warming
from kb.search.documents import ExtraDocs, article_key
from kb.search.expansion import expand
from kb.search.index import IndexDir
from kb.search.indexer import Indexer, current_versions
from kb.search.query import clean
from kb.search.reader import Searchers, Snapshot
from kb.search.results import SearchResults, Suggestion
from kb.search.schema import LANGS
from kb.search.shares import Share
from kb.search.synonyms import SynonymFiles

log = logging.getLogger(__name__)

MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_SUGGESTIONS = 20
CACHE_SIZE = 512
BUILD_RETRY = 60.0  # seconds before a first-use build that failed (full disk, say) is tried again
WARM_SLICE = 0.002  # seconds of warming done at a time, holding the engine's lock


@dataclass(frozen=True)
class SyncReport:
    """Articles a sync indexed anew, re-indexed and removed, by "lang:slug" key."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class SearchEngine:
    """Search over the articles of a Library, with its index in `index_dir`.

    `library` returns the current Library; with it the index is built on first use when missing.
    `block_kinds` are the fenced-block kinds the guidance layer renders (kept out of the text);
    `extra_docs(article, rendered)` adds documents such as walkthrough steps to an article.
    `wait` is how long (seconds) a sync or a first-use build waits for another writer.
    `synonyms` is the folder of the synonyms files (synonyms.py), read again when they change.
    """

    def __init__(
        self,
        index_dir: Path | str,
        *,
        library: Callable[[], Library] | None = None,
        block_kinds: Iterable[str] = (),
        extra_docs: ExtraDocs | None = None,
        wait: float = 0.5,
        synonyms: Path | str | None = None,
    ):
        self.index_dir = IndexDir(index_dir)
        self.synonyms = SynonymFiles(synonyms)
        self.indexer = Indexer(block_kinds, extra_docs)
        self._library = library
        self._wait = wait
        self._searchers = Searchers(self.index_dir)
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        # Whoosh searchers are not shared between threads: one search at a time per engine.
        self._lock = threading.RLock()
        self._synced: tuple[str, tuple] | None = None
        self._build_after = 0.0  # monotonic time before which no first-use build is tried
        self._closed = False  # warming stops (a search after close() opens the index again)
        self.faults = Faults()  # what keeps the index from being built or updated now

    # Keeping the index up to date

    def exists(self) -> bool:
        return self.index_dir.current() is not None

    def rebuild(
        self,
        library: Library | None = None,
        *,
        procs: int = 1,
        progress: Callable[[int, int], None] | None = None,
    ) -> str:
        """Index every article into a new generation and swap it in; returns its name.
        `procs` processes share the work; `progress(done, total)` hears of the articles done.
        Waits for any other writer to finish first."""
        library = self._source(library)
        articles = sorted(library.articles.values(), key=_title_order)
        total = len(articles)
        told = (lambda n: progress(n, total)) if progress else None
        with self.index_dir.writing(timeout=None):
            if procs <= 1 or total < 2 * procs:

                def share(done: Callable[[int], None]) -> Iterator[tuple[int, dict]]:
                    return ((0, doc) for doc in self._ordered(articles, done))

                return self.index_dir.build_shares([share], 1, progress=told)
            shares = [self._share(part) for part in _balanced(articles, procs)]
            return self.index_dir.build_shares(shares, 2, procs, told)

    def _share(self, articles: list) -> Share:
        """The articles' own docs to the first stream, their parts to the second: with every
        share's first stream before the second streams, the index keeps `_ordered`'s order."""

        def share(done: Callable[[int], None]) -> Iterator[tuple[int, dict]]:
            for article in articles:
                docs = self.indexer.whoosh_docs(article)
                if docs:
                    yield 0, docs[0]
                    yield from ((1, part) for part in docs[1:])
                done(1)

        return share

    def sync(self, library: Library | None = None) -> SyncReport | None:
        """Re-index the articles whose file changed, add new ones, remove deleted ones.
        Returns None, having done nothing, if another process was writing for longer than
        `wait`; that process's own sync will see the same files."""
        library = self._source(library)
        fingerprint = library.fingerprint()
        with self._lock:
            snapshot = self._searchers.current()
            if snapshot is not None and self._synced == (snapshot.generation, fingerprint):
                return SyncReport()
        with self.index_dir.writing(timeout=self._wait) as acquired:
            if not acquired:
                return None
            with self._lock:  # we hold the writers' lock: this is what is on disk
                snapshot = self._searchers.current()
                indexed = None if snapshot is None else snapshot.catalog.versions()
            # Rendering and writing happen outside the engine lock: searches go on meanwhile.
            report = self._sync(library, indexed)
            with self._lock:
                snapshot = self._searchers.current()
                if snapshot is not None:
                    self._synced = (snapshot.generation, fingerprint)
        if report.added or report.changed or report.removed:
            log.info("search index synced: %s", report)
        return report

    def _sync(self, library: Library, indexed: dict[str, str] | None) -> SyncReport:
        """Bring the index from the `indexed` versions (None: no index) to the library's."""
        wanted = current_versions(library)
        if indexed is None:
            self.index_dir.build(self._documents(library))
            return SyncReport(added=tuple(sorted(wanted)))
        added = tuple(sorted(k for k in wanted if k not in indexed))
        changed = tuple(sorted(k for k in wanted if k in indexed and indexed[k] != wanted[k]))
        removed = tuple(sorted(k for k in indexed if k not in wanted))
        if added or changed or removed:
            by_key = {article_key(a.lang, a.slug): a for a in library.articles.values()}
            fresh = {k: self.indexer.whoosh_docs(by_key[k]) for k in added + changed}
            self.index_dir.update(removed, fresh)
        return SyncReport(added, changed, removed)

    def _source(self, library: Library | None) -> Library:
        if library is not None:
            return library
        if self._library is None:
            raise ValueError("pass a Library, or give the engine a `library` function")
        return self._library()

    def _documents(self, library: Library) -> Iterator[dict]:
        return self._ordered(sorted(library.articles.values(), key=_title_order))

    def _ordered(self, articles: list, done: Callable[[int], None] | None = None) -> Iterator[dict]:
        """Article docs by title, then the sections and steps: search-as-you-type lists what it
        finds in this order."""
        parts: list[dict] = []
        for article in articles:
            docs = self.indexer.whoosh_docs(article)
            if docs:
                yield docs[0]
                parts.extend(docs[1:])
            if done is not None:
                done(1)
        yield from parts

    def _snapshot(self) -> Snapshot | None:
        """The current generation, built first if there is none and the engine has a library.
        A build that fails for want of disk is not tried again at every search."""
        snapshot = self._searchers.current()
        if snapshot is None and self._library is not None and time.monotonic() > self._build_after:
            try:
                with self.index_dir.writing(timeout=self._wait) as acquired:
                    if acquired and self.index_dir.current() is None:
                        self.index_dir.build(self._documents(self._library()))
            except OSError as error:
                self._build_after = time.monotonic() + BUILD_RETRY
                self.faults.failed("search index", error, "searches find nothing")
            snapshot = self._searchers.current()
        if snapshot is not None:
            self.faults.recovered("search index")  # built since, here or by another process
        return snapshot

    def warm(self, pause: float = WARM_SLICE) -> bool:
        """Warm the current generation unless it is warm (warming.py): a few ms at a time
        under the engine's lock, with `pause` seconds between for the searches waiting. True
        once it is warm; False if there is no index yet or a newer generation came meanwhile
        (the next call warms that one)."""
        with self._lock:
            snapshot = None if self._closed else self._searchers.current()
            if snapshot is None or snapshot.warmed:
                return snapshot is not None
            work = warming.steps(snapshot)
            gc.unfreeze()  # what the last warming froze: a replaced generation's may be garbage
        while True:
            with self._lock:
                if self._closed or self._searchers.current() is not snapshot:
                    return False
                end = time.perf_counter() + WARM_SLICE
                for _ in work:
                    if time.perf_counter() >= end:
                        break
                else:
                    snapshot.warmed = True
                    # What warming read lives as long as the generation: the collector's full
                    # passes leave it out, or each would walk it all (140 ms on 4,300 pages,
                    # every search of the process waiting), as they did now and then.
                    gc.freeze()
                    return True
            time.sleep(pause)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._searchers.close()
            self._cache.clear()

    # Searching

    def search(
        self,
        query: str,
        lang: str,
        *,
        limit: int = 10,
        offset: int = 0,
        category: str | None = None,
        tag: str | None = None,
        audience: str | None = None,
        facets: bool = True,
    ) -> SearchResults:
        """Articles for `query` as a `lang` reader should see them; never raises. With `facets`
        False the values of the filters are not counted (the results page alone shows them)."""
        text = clean(query)
        lang = lang if lang in LANGS else DEFAULT_LANGUAGE
        limit = _bounded(limit, 10, 1, MAX_LIMIT)
        offset = _bounded(offset, 0, 0, MAX_OFFSET)
        wanted = {"category": category, "tag": tag, "audience": audience}
        filters = {k: clean(v) for k, v in wanted.items() if isinstance(v, str) and clean(v)}
        try:
            with self._lock:
                snapshot = self._snapshot()
                if snapshot is None:
                    return SearchResults(query=text)
                version, tables = self.synonyms.current()
                key = (
                    "search",
                    snapshot.generation,
                    version,
                    text,
                    lang,
                    tuple(filters.items()),
                    limit,
                    offset,
                    facets,
                )

                def grow(units, vocabulary):
                    return expand(units, tables, vocabulary)

                return self._cached(
                    key,
                    lambda: searching.run(
                        snapshot, text, lang, filters, limit, offset, grow, counted=facets
                    ),
                )
        except Exception:  # an agent mid-call gets no results rather than an error page
            log.exception("search failed for %r (%s)", text, lang)
            return SearchResults(query=text)

    def suggest(self, prefix: str, lang: str, limit: int = 8) -> list[Suggestion]:
        """Passages, titles and headings for search-as-you-type, from the second character,
        found as the results page finds them; never raises."""
        text = clean(prefix)
        lang = lang if lang in LANGS else DEFAULT_LANGUAGE
        limit = _bounded(limit, 8, 1, MAX_SUGGESTIONS)
        if len(text) < 2:
            return []
        try:
            with self._lock:
                snapshot = self._snapshot()
                if snapshot is None:
                    return []
                version, tables = self.synonyms.current()
                key = ("suggest", snapshot.generation, version, text, lang, limit)

                def search(typed: str) -> SearchResults:
                    return searching.run(
                        snapshot,
                        typed,
                        lang,
                        {},
                        limit,
                        0,
                        lambda units, vocabulary: expand(units, tables, vocabulary),
                        typing=not prefix.endswith(" "),
                        counted=False,
                    )

                return list(
                    self._cached(
                        key, lambda: tuple(complete.suggest(snapshot, text, lang, limit, search))
                    )
                )
        except Exception:
            log.exception("suggest failed for %r (%s)", text, lang)
            return []

    def forget_results(self) -> None:
        """Drop the remembered results (not the terms and passages read), so that the next
        search of a query is worked out again: for benchmarks."""
        with self._lock:
            self._cache.clear()

    def _cached(self, key: tuple, compute: Callable[[], object]):
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        value = compute()
        self._cache[key] = value
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return value


def _balanced(articles: list[Article], shares: int) -> list[list[Article]]:
    """`articles` cut into `shares` consecutive runs of about the same amount of text."""
    sizes = [len(a.body) + 200 for a in articles]  # and a little for each article's own cost
    total, size = sum(sizes), 0
    out: list[list[Article]] = []
    run: list[Article] = []
    for article, weight in zip(articles, sizes, strict=True):
        run.append(article)
        size += weight
        if size >= total * (len(out) + 1) / shares and len(out) < shares - 1:
            out.append(run)
            run = []
    return [*out, run] if run else out


def _title_order(article) -> tuple:
    return (article.title.casefold(), article.lang, article.slug)


def _bounded(value: object, default: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return min(max(value, low), high)
