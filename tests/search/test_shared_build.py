"""A full build shared by several processes: the same index as one process makes, reported as it
goes, and nothing half-built left behind when a worker fails."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from kb.content import load_library
from kb.search import SearchEngine

QUERIES = [("queue rule", "en"), ("roaming", "en"), ("мошенничество", "ru"), ("password", "ru")]


def indexed(engine: SearchEngine) -> list[tuple]:
    """Every document of the current generation, in index order."""
    ix = whoosh_index.open_dir(str(engine.index_dir.path / engine.index_dir.current()))
    with ix.reader() as reader:
        return [(f["article"], f["kind"], f.get("anchor")) for _, f in reader.iter_docs()]


def test_two_processes_build_the_index_one_process_builds(articles, tmp_path):
    library = load_library(articles)
    one, two = SearchEngine(tmp_path / "one"), SearchEngine(tmp_path / "two")
    one.rebuild(library)
    told: list[tuple[int, int]] = []
    two.rebuild(library, procs=2, progress=lambda done, total: told.append((done, total)))
    # The same documents in the same order: search-as-you-type reads titles in index order.
    assert indexed(two) == indexed(one)
    for text, lang in QUERIES:
        assert two.search(text, lang) == one.search(text, lang)
        assert two.suggest(text[:3], lang) == one.suggest(text[:3], lang)
    total = len(library.articles)
    assert told[-1] == (total, total)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    one.close()
    two.close()


def test_a_failing_worker_fails_the_build_and_leaves_the_index_serving(
    articles, tmp_path, monkeypatch
):
    library = load_library(articles)
    engine = SearchEngine(tmp_path / "index")
    before = engine.rebuild(library)

    def full_disk(self, **fields):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(SegmentWriter, "add_document", full_disk)  # the workers are forked
    with pytest.raises(OSError) as failed:
        engine.rebuild(library, procs=2)
    assert failed.value.errno == errno.ENOSPC
    assert engine.index_dir.current() == before
    assert not [p for p in engine.index_dir.path.iterdir() if p.name.startswith(".build-")]
    monkeypatch.undo()
    assert engine.search("roaming", "en").total == 1
    engine.close()


def test_workers_die_with_a_killed_build_and_release_the_write_lock(articles, tmp_path):
    """A build SIGKILLed mid-way leaves no worker writing on, holding the index's write lock
    (inherited from the build), which would keep every other writer out."""
    script = (
        "import sys, time\n"
        "from kb.content import load_library\n"
        "from kb.search import SearchEngine\n"
        "from kb.search import indexer\n"
        "slow = indexer.Indexer.whoosh_docs\n"
        "def whoosh_docs(self, article):\n"
        "    time.sleep(0.5)\n"
        "    return slow(self, article)\n"
        "indexer.Indexer.whoosh_docs = whoosh_docs\n"
        "SearchEngine(sys.argv[2]).rebuild(load_library(sys.argv[1]), procs=2)\n"
    )
    index = tmp_path / "index"
    build = subprocess.Popen([sys.executable, "-c", script, str(articles), str(index)])
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".build-") for p in index.glob(".*")):
        assert time.monotonic() < deadline and build.poll() is None
        time.sleep(0.05)
    time.sleep(1)  # the workers are indexing
    build.send_signal(signal.SIGKILL)
    build.wait()
    engine = SearchEngine(index)
    start = time.monotonic()
    with engine.index_dir.writing(timeout=5) as acquired:
        assert acquired, "a worker of the killed build still holds the write lock"
    assert time.monotonic() - start < 2
    engine.close()
