"""How published revisions reach the articles folder of every instance, and how a change made
on disk gets into history.

Each instance (each worker) applies the revisions it has not seen yet to its own articles
folder: the newest text of each article written atomically, or the file removed. Writing is
skipped when the file already holds that text, so instances sharing one folder work the same
way. A change to a file that no revision explains is recorded as a revision by the file system,
which the other instances then apply in turn.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from kb.content import Library
from kb.editing import records as r
from kb.editing.paths import PathError, article_file, read_text, write_atomically
from kb.editing.workflow import record_disk_change
from kb.store.db import Store

log = logging.getLogger(__name__)
KIND = "changes on disk"


class FolderSync:
    """Applies published revisions to one articles folder; remembers how far it got in
    `state_file`, so that a restart applies only what it missed."""

    def __init__(self, store: Store, root: Path, state_file: Path):
        self.store = store
        self.root = Path(root)
        self.state_file = Path(state_file)
        self.last = self._read_state()
        self._lock = threading.Lock()

    def apply(self, wait: float = 0.0) -> bool | None:
        """Write what was published since the last call; True if a file changed, None if
        another thread of this process was applying for longer than `wait` seconds.

        A publisher waits: the other thread may have read the changes before its revision."""
        locked = self._lock.acquire(timeout=wait) if wait > 0 else self._lock.acquire(False)
        if not locked:
            return None
        try:
            with self.store.engine.connect() as conn:
                changes = r.changes_after(conn, self.last)
                if not changes:
                    return False
                newest: dict[tuple[str, str], int] = {}
                for revision_id, lang, slug in changes:
                    newest[(lang, slug)] = revision_id
                revisions = [r.get_revision(conn, rid) for rid in sorted(newest.values())]
            changed = False
            for revision in revisions:
                if revision is not None:
                    changed |= self._write(revision)
            self.last = changes[-1][0]
            self._write_state()
            return changed
        finally:
            self._lock.release()

    def _write(self, revision: r.Revision) -> bool:
        try:
            path = article_file(self.root, revision.lang, revision.slug)
        except PathError as error:
            log.warning("revision %d not written: %s", revision.id, error)
            return False
        if revision.text is None:
            if path.exists():
                path.unlink()
                return True
            return False
        if read_text(path) == revision.text:
            return False
        write_atomically(path, revision.text)
        return True

    def _read_state(self) -> int:
        try:
            return int(self.state_file.read_text().strip() or 0)
        except (OSError, ValueError):
            return 0

    def _write_state(self) -> None:
        try:
            write_atomically(self.state_file, str(self.last))
        except OSError as error:  # a full disk: the next start applies a little again
            log.warning("cannot remember the applied revisions: %s", error)


class DiskRecorder:
    """A content listener: files added, changed or removed on disk become revisions by the
    file system, unless a revision already has that text (a publish written here)."""

    def __init__(self, store: Store, library: Library, folder: FolderSync | None = None):
        self.store = store
        self.folder = folder  # the folder's sync, to tell a missed publish from a change
        self.stamps = _stamps(library)
        self.paths = {key: a.path for key, a in library.articles.items()}

    def __call__(self, library: Library) -> None:
        stamps = _stamps(library)
        paths = {key: a.path for key, a in library.articles.items()}
        changed = [key for key, stamp in stamps.items() if self.stamps.get(key) != stamp]
        removed = [key for key in self.stamps if key not in stamps]
        for key in changed:
            if not self._record(key, read_text(paths[key])):
                # Not recorded (the database is down or full): seen as changed again next time.
                stamps[key] = self.stamps.get(key, -1.0)
        for key in removed:
            # Left out of the library is not always gone: a file that fails to load is still
            # what the disk holds, and must not be deleted on the other instances.
            if not self._record(key, read_text(self.paths[key])):
                stamps[key], paths[key] = self.stamps[key], self.paths[key]
        self.stamps, self.paths = stamps, paths

    def _record(self, key: tuple[str, str], text: str | None) -> bool:
        """Record one file's text as a revision if it is new; False if that could not be done."""
        lang, slug = key
        try:
            applied = self.folder.last if self.folder is not None else None
            if record_disk_change(self.store, lang, slug, text, applied):
                log.info("recorded a change on disk to %s/%s.md", lang, slug)
        except SQLAlchemyError as error:  # the database is down: the site goes on
            self.store.faults.failed(KIND, error, "history misses changes made on disk")
            return False
        self.store.faults.recovered(KIND)
        return True


def _stamps(library: Library) -> dict[tuple[str, str], float]:
    return {key: article.mtime for key, article in library.articles.items()}
