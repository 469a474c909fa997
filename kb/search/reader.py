"""The long-lived searcher of a process, reopened only when the index generation changes."""

from __future__ import annotations

import os
import time
import weakref
from dataclasses import dataclass
from functools import cached_property

from kb.search.frequency import Frequencies
from kb.search.index import IndexDir
from kb.search.passages import PassageStore
from kb.search.scoring import Scorer
from kb.search.snippets import one_line
from kb.search.spelling import Lexicon
from kb.search.table import ArticleTable


@dataclass(frozen=True)
class ArticleInfo:
    """What the engine needs to show or filter an article without reading the index again."""

    key: str
    lang: str
    slug: str
    title: str
    category: str
    tags: tuple[str, ...]
    audience: tuple[str, ...]
    version: str
    docnum: int
    snippet: str  # on one line, as snippets.snippet takes it


class Catalog:
    """Every article of one generation, by key and by slug."""

    def __init__(self, searcher):
        self.articles: dict[str, ArticleInfo] = {}
        self.by_docnum: dict[int, ArticleInfo] = {}
        self.langs: dict[str, list[str]] = {}  # slug → languages it exists in
        self.docnums: dict[str, list[int]] = {}  # lang → its article docs
        self._shown: dict[str, dict[int, ArticleInfo]] = {}
        for docnum in searcher.document_numbers(kind="article"):
            f = searcher.stored_fields(docnum)
            info = ArticleInfo(
                key=f["article"],
                lang=f["lang"],
                slug=f["slug"],
                title=f["title"],
                category=f.get("category", ""),
                tags=tuple(f.get("tags", ())),
                audience=tuple(f.get("audience", ())),
                version=f.get("version", ""),
                docnum=docnum,
                snippet=one_line(f.get("snippet", "")),
            )
            self.articles[info.key] = info
            self.by_docnum[docnum] = info
            self.langs.setdefault(info.slug, []).append(info.lang)
            self.docnums.setdefault(info.lang, []).append(docnum)
        # A set (Whoosh takes no frozenset as a filter); never changed after this.
        self.article_docnums = set(self.by_docnum)

    def get(self, lang: str, slug: str) -> ArticleInfo | None:
        return self.articles.get(f"{lang}:{slug}")

    def shown_by_docnum(self, lang: str) -> dict[int, ArticleInfo]:
        """Article docnum → the article a `lang` reader sees for it (its translation, if any)."""
        if lang not in self._shown:
            self._shown[lang] = {
                d: self.shown(info.slug, lang) or info for d, info in self.by_docnum.items()
            }
        return self._shown[lang]

    def shown(self, slug: str, lang: str) -> ArticleInfo | None:
        """The article as a `lang` reader should see it: in `lang` if translated, else as it is."""
        langs = self.langs.get(slug, ())
        chosen = lang if lang in langs else (langs[0] if langs else None)
        return None if chosen is None else self.get(chosen, slug)

    def versions(self) -> dict[str, str]:
        return {key: info.version for key, info in self.articles.items()}


class Snapshot:
    """One open generation: its searcher and catalog. `generation` names it in cache keys."""

    def __init__(self, name: str, ix):
        self.name = name
        self.ix = ix
        self.searcher = ix.searcher()
        # Its segment files stay open while it is read (see IndexDir.open): closed by close(),
        # or when nothing holds the snapshot any more (an engine never closed, a forked
        # worker's copy of its parent's).
        self._closing = weakref.finalize(self, self.searcher.close)
        # Not at interpreter exit, where the system closes them: a warming thread still
        # reading would find them closed under it (a traceback as `flask kb-index` ends).
        self._closing.atexit = False
        self.toc = self.searcher.reader().generation()
        self.generation = f"{name}/{self.toc}"
        self.catalog = Catalog(self.searcher)
        self.frequencies = Frequencies(self.searcher.reader())
        self.table = ArticleTable(self.catalog, self.searcher.reader().doc_count_all())
        self.scorer = Scorer(self.searcher, self.table)
        self.warmed = False  # set by the engine once warming.py has read what it reads
        self.listed: int | None = None  # its folder's modification time when last listed

    @cached_property
    def passages(self) -> PassageStore:
        """The passages of the articles, read as searches need them."""
        counts = {lang: len(docnums) for lang, docnums in self.catalog.docnums.items()}
        return PassageStore(self.searcher, counts, self.frequencies)

    def inherit(self, old: Snapshot) -> None:
        """Keep the passages `old` has read of the articles this generation has unchanged: a
        sync of one edited article leaves the others' passages read."""
        if "passages" not in old.__dict__:  # old never read any
            return
        versions = self.catalog.versions()
        self.passages.keep(
            old.passages,
            {
                key
                for key, version in old.catalog.versions().items()
                if versions.get(key) == version
            },
        )

    @cached_property
    def lexicon(self) -> Lexicon:
        """The spelling words of this generation, read as typos need them."""
        return Lexicon(self.searcher.reader())

    def close(self) -> None:
        self._closing()  # once only, however often it is asked


SETTLED = 2_000_000_000  # ns: a folder's modification time older than this is not a tick's


class Searchers:
    """Hands out the current Snapshot; checking for a new generation costs a readlink and a
    stat (and a directory listing when the folder has changed). Not thread-safe: the engine
    calls it under its own lock."""

    def __init__(self, index_dir: IndexDir):
        self.index_dir = index_dir
        self._snapshot: Snapshot | None = None
        self._pid = os.getpid()

    def current(self) -> Snapshot | None:
        if self._pid != os.getpid():
            # A forked worker (gunicorn --preload): the parent's open files share their read
            # positions with ours, so open our own and leave the parent's alone.
            self._snapshot, self._pid = None, os.getpid()
        name = self.index_dir.current()
        old = self._snapshot
        if name is None:
            self._snapshot = None
        elif old is None or old.name != name:
            self._snapshot = Snapshot(name, self.index_dir.open(name))
        elif self._committed_since(old):
            # A fresh reader, not searcher.refresh(): whoosh3 3.54's refresh keeps segments
            # that a merge has removed, so documents would be counted twice.
            self._snapshot = Snapshot(name, old.ix)
        if old is not None and old is not self._snapshot:
            if self._snapshot is not None:
                self._snapshot.inherit(old)
            old.close()
        return self._snapshot

    def _committed_since(self, snapshot: Snapshot) -> bool:
        """Whether the generation of `snapshot` has had a commit since it was opened. Whoosh
        lists the folder to know (some 0.1 ms a search); a commit adds files to it, so while
        the folder's modification time is the one it had when last listed, nothing changed.
        That time is trusted only once SETTLED old: two changes within one tick of the file
        system's clock leave the same time."""
        try:
            changed = os.stat(self.index_dir.path / snapshot.name).st_mtime_ns
        except OSError:
            changed = None
        settled = changed is not None and changed < time.time_ns() - SETTLED
        if settled and changed == snapshot.listed:
            return False
        if snapshot.ix.latest_generation() != snapshot.toc:
            return True
        snapshot.listed = changed
        return False

    def close(self) -> None:
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
