"""The index follows the articles folder at every look, not only when a file changed: what one
look could not do (another writer held the index, the disk was full, a rebuild by another
process swapped in an older view of the files) the next one does."""

from __future__ import annotations

import errno
import os
import threading

from kb.search.index import IndexDir

WORD = "zebrafinch"
ARTICLE = "transfer-to-retention"


def found(app, word: str = WORD) -> bool:
    return app.test_client().get(f"/api/search?lang=en&q={word}").get_json()["total"] > 0


def add_word(articles_dir) -> None:
    path = articles_dir / "en" / f"{ARTICLE}.md"
    path.write_text(path.read_text() + f"\n\nA new word: {WORD}.\n")


def test_an_index_rebuilt_from_older_files_catches_up_at_the_next_look(app, articles_dir):
    engine, content = app.extensions["kb_search"], app.extensions["kb_content"]
    engine.rebuild()
    before = content.library
    add_word(articles_dir)
    content.refresh()
    assert found(app)
    engine.rebuild(before)  # `flask kb-index` that read the files before the change
    assert not found(app)
    assert content.refresh() is False  # nothing changed in the folder since
    assert found(app)


def test_a_sync_that_found_the_index_busy_is_done_at_the_next_look(app, articles_dir):
    engine, content = app.extensions["kb_search"], app.extensions["kb_content"]
    engine.rebuild()
    add_word(articles_dir)
    holding, release = threading.Event(), threading.Event()

    def another_writer():
        with IndexDir(engine.index_dir.path).writing(timeout=None):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=another_writer)
    thread.start()
    holding.wait(10)
    content.refresh()  # the change is seen, but the index is busy
    release.set()
    thread.join()
    assert not found(app)
    content.refresh()
    assert found(app)


def test_a_failed_sync_is_logged_once_and_retried(app, articles_dir, monkeypatch, caplog):
    engine, content = app.extensions["kb_search"], app.extensions["kb_content"]
    engine.rebuild()
    add_word(articles_dir)
    real_update = IndexDir.update

    def no_space(self, *args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(IndexDir, "update", no_space)
    for _ in range(3):
        content.refresh()
    assert "No space left on device" in engine.faults.current()["search index updates"]
    monkeypatch.setattr(IndexDir, "update", real_update)
    content.refresh()
    assert found(app)
    assert engine.faults.current() == {}
    assert caplog.text.count("degraded: search index updates: No space left on device") == 1
    assert caplog.text.count("recovered: search index updates") == 1
    assert "Traceback" not in caplog.text


def test_a_rebuild_killed_midway_is_cleaned_up_by_the_next_sync(app, articles_dir):
    engine, content = app.extensions["kb_search"], app.extensions["kb_content"]
    engine.rebuild()
    leftover = engine.index_dir.path / ".build-dead"
    leftover.mkdir()
    (leftover / "_MAIN_1.toc").write_bytes(b"half written")
    add_word(articles_dir)
    content.refresh()
    assert found(app) and not leftover.exists()
