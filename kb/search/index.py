"""The index on disk: generations swapped in atomically, one writer at a time across processes.

    index_dir/
        current -> gen-000007     the generation readers open (a relative symlink)
        gen-000007/               a complete Whoosh index; sync updates it in place
        gen-000006/               the previous one, removed GRACE seconds after it was replaced
        .build-*/                 a rebuild in progress
        write.lock                held (flock) by whichever process is writing

A rebuild writes a whole new generation into a temporary folder beside the others, renames it
and replaces the `current` link with os.replace, so a reader sees the old index or the new one,
never a half-built one. A sync updates the current generation through a Whoosh commit, which is
atomic too (readers keep the segments they opened). Both run only under write.lock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from kb.search import shares as shares_module
from kb.search.schema import build_schema
from kb.search.shares import Progress, Share

GRACE = 60.0  # seconds a replaced generation stays for readers that still have it open
_PREFIX = "gen-"


class IndexDir:
    """The folder of index generations, its `current` link and its writers' lock."""

    def __init__(self, path: Path | str, grace: float = GRACE):
        self.path = Path(path)
        self.link = self.path / "current"
        self.grace = grace

    def current(self) -> str | None:
        """Name of the current generation's folder, or None if there is no index yet."""
        try:
            name = os.readlink(self.link)
        except OSError:
            return None
        # A generation gets its name only once its first commit is complete.
        return name if os.path.isdir(self.path / name) else None

    def open(self, name: str):
        """The generation's index, its files read rather than memory-mapped: whoosh3 3.54 copies
        a mapped segment's terms and postings into memory (a BytesIO over the map) each time a
        reader opens, some 70 MB and 0.1 s for a 4,300-page index."""
        return FileStorage(str(self.path / name), supports_mmap=False).open_index()

    @contextmanager
    def writing(self, timeout: float | None) -> Iterator[bool]:
        """Hold the writers' lock for the block; yields False if it was not free within
        `timeout` seconds (None waits as long as it takes)."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "write.lock", "a+b") as handle:
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        yield False
                        return
                    time.sleep(0.02)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def build(self, documents: Iterable[dict]) -> str:
        """Write a new generation from `documents` and make it current; hold the lock to call."""
        return self.build_shares([lambda done: ((0, doc) for doc in documents)], streams=1)

    def build_shares(
        self,
        shares: Sequence[Share],
        streams: int,
        procs: int = 1,
        progress: Progress | None = None,
    ) -> str:
        """Write a new generation from `shares` on up to `procs` processes (see kb.search.shares)
        and make it current; hold the lock to call."""
        self._remove_leftovers()
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=self.path))
        try:
            whoosh_index.create_in(str(tmp), build_schema()).close()
            shares_module.write(str(tmp), shares, streams, procs, progress or (lambda n: None))
            name = f"{_PREFIX}{self._last_number() + 1:06d}"
            os.rename(tmp, self.path / name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._point_to(name)
        self._remove_retired()
        return name

    def update(self, remove: Iterable[str], add: dict[str, list[dict]]) -> None:
        """Remove the articles `remove` and replace the articles in `add` (key → documents) in
        the current generation; hold the lock to call."""
        name = self.current()
        if name is None:
            raise FileNotFoundError(f"no search index in {self.path}")
        self._remove_leftovers()  # a rebuild killed midway need not wait for the next rebuild
        ix = self.open(name)
        try:
            writer = ix.writer()
            try:
                for key in remove:
                    writer.delete_by_term("article", key)
                for key, docs in add.items():
                    writer.delete_by_term("article", key)
                    for doc in docs:
                        writer.add_document(**doc)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        finally:
            ix.close()
        self._remove_retired()

    def _point_to(self, name: str) -> None:
        tmp_link = self.path / f".current-{os.getpid()}"
        tmp_link.unlink(missing_ok=True)
        os.symlink(name, tmp_link)
        os.replace(tmp_link, self.link)
        _fsync_dir(self.path)

    def _generations(self) -> list[tuple[int, str]]:
        found = []
        for entry in os.scandir(self.path):
            number = entry.name[len(_PREFIX) :]
            if entry.name.startswith(_PREFIX) and number.isdigit() and entry.is_dir():
                found.append((int(number), entry.name))
        return sorted(found)

    def _last_number(self) -> int:
        generations = self._generations()
        return generations[-1][0] if generations else 0

    def _remove_leftovers(self) -> None:
        """Remove what a writer that died left behind (we hold the lock: no one else writes)."""
        for entry in os.scandir(self.path):
            if entry.name.startswith(".build-"):
                shutil.rmtree(entry.path, ignore_errors=True)
            elif entry.name.startswith(".current-"):
                os.unlink(entry.path)

    def _remove_retired(self) -> None:
        """Remove generations replaced more than GRACE seconds ago, and unfinished newer ones."""
        current = self.current()
        names = [name for _, name in self._generations()]
        if current not in names:
            return
        # The link was made when the current generation replaced the others.
        replaced_for = time.time() - os.lstat(self.link).st_mtime
        for name in names:
            if name == current:
                continue
            if name > current:  # renamed but never made current: its writer died
                shutil.rmtree(self.path / name, ignore_errors=True)
            elif replaced_for > self.grace:
                shutil.rmtree(self.path / name, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
