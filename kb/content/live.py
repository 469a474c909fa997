"""A Library that follows the articles folder: changed files are reloaded, others reused."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from kb.content.library import Library
from kb.content.loader import ArticleError, read_article
from kb.content.model import Article, ContentError
from kb.content.scan import Found, Stamp, scan

log = logging.getLogger(__name__)


class LiveLibrary:
    """Holds the current Library; `refresh()` rescans and swaps in a new one if anything changed."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._stamps: dict[tuple[str, str], Stamp] = {}
        self._file_errors: dict[tuple[str, str], list] = {}
        self._skipped: list[ContentError] = []  # files that cannot be articles, left out
        self._library: Library | None = None
        self._lock = threading.Lock()
        self._listeners: list[Callable[[Library], None]] = []
        self._followers: list[Callable[[Library], None]] = []
        self._thread: threading.Thread | None = None
        self._helpers: list[threading.Thread] = []
        self._stop = threading.Event()
        self.refresh()

    @property
    def library(self) -> Library:
        assert self._library is not None  # set by the first refresh() in __init__
        return self._library

    def on_change(self, listener: Callable[[Library], None]) -> None:
        """Call `listener(library)` after every refresh that changed something."""
        self._listeners.append(listener)

    def after_refresh(self, follower: Callable[[Library], None]) -> None:
        """Call `follower(library)` after every refresh, changed or not: for followers that
        must also catch up with what did not happen here (an index another process rebuilt,
        an update of their own that failed), and are cheap when in step."""
        self._followers.append(follower)

    def refresh(self) -> bool:
        """Rescan the folder; return True if any article was added, changed or removed."""
        with self._lock:
            changed = self._rescan()
        for listener in [*(self._listeners if changed else ()), *self._followers]:
            try:
                listener(self._library)
            except Exception:  # a listener's failure must not stop the watcher
                log.exception("content change listener failed")
        return changed

    def watch(self, interval: float) -> None:
        """Refresh every `interval` seconds in a daemon thread (once per process)."""
        if self._thread is not None or interval <= 0:
            return
        self._thread = threading.Thread(
            target=self._watch, args=(interval,), name="kb-content-watch", daemon=True
        )
        self._thread.start()

    def every(
        self, interval: float, job: Callable[[], object], name: str, at_once: bool = False
    ) -> None:
        """Run `job()` every `interval` seconds in a daemon thread until `stop()` (`at_once`:
        first as the thread starts): for work that follows the folder more often than a rescan
        (a cheap look elsewhere)."""
        if interval <= 0:
            return

        def run() -> None:
            wait = 0.0 if at_once else interval
            while not self._stop.wait(wait):
                wait = interval
                try:
                    job()
                except Exception:
                    log.exception("%s failed", name)

        thread = threading.Thread(target=run, name=name, daemon=True)
        self._helpers.append(thread)
        thread.start()

    def stop(self) -> None:
        """End watching; waits for a look in progress, so that nothing runs after this."""
        self._stop.set()
        for thread in [self._thread, *self._helpers]:
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout=10)

    def _watch(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.refresh()
            except Exception:
                log.exception("rescanning the articles folder failed")

    def _rescan(self) -> bool:
        old = self._library or Library(root=self.root)
        new = Library(root=self.root)
        stamps, file_errors, changed = {}, {}, False
        if not self.root.is_dir():
            message = "articles folder does not exist (or is a link that loops)"
            new.errors.append(ContentError(str(self.root), 1, message))
        skipped: list[ContentError] = []
        for found in scan(self.root, skipped):
            key = (found.lang, found.slug)
            stamps[key] = found.stamp
            if self._stamps.get(key) == found.stamp:
                if key in old.articles:
                    new.articles[key] = old.articles[key]
                file_errors[key] = self._file_errors.get(key, [])
                continue
            changed = True
            article, file_errors[key] = _read(found)
            if article is not None:
                new.articles[key] = article
        changed = changed or set(stamps) != set(self._stamps) or skipped != self._skipped
        for errors in file_errors.values():
            new.errors.extend(errors)
        new.errors.extend(skipped)
        new.errors.sort()
        self._stamps, self._file_errors, self._skipped = stamps, file_errors, skipped
        if changed or self._library is None:
            self._library = new
        return changed


def _read(found: Found) -> tuple[Article | None, list[ContentError]]:
    """The article in a file and its warnings, or None and why it is left out. Nothing a file
    holds may stop the scan: start-up and the watcher go on with the other files."""
    display = f"{found.lang}/{found.slug}.md"
    try:
        article, warnings = read_article(found.path, found.lang, found.slug, display)
    except ArticleError as exc:
        return None, [exc.error]
    except Exception as exc:  # a bug met by some content: left out and said, never a crash
        log.exception("reading %s failed", display)
        return None, [ContentError(display, 1, f"could not be read: {type(exc).__name__}")]
    return article, warnings


def load_library(root: Path | str) -> Library:
    """Load every article under root/en and root/ru; bad files are reported and left out."""
    return LiveLibrary(Path(root)).library
