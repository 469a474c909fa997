"""Building, swapping and updating the index, with other readers and writers about."""

import gc
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

from kb.content import load_library
from kb.search import SyncReport
from kb.search.documents import INDEX_FORMAT
from kb.search.index import IndexDir
from kb.search_engine import build_engine

PROJECT = Path(__file__).resolve().parents[2]


def touch_and_append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    later = time.time() + 1
    os.utime(path, (later, later))  # a new mtime even on coarse clocks


def test_index_is_built_on_first_use(engine):
    assert not engine.exists()
    assert engine.search("roaming", "en").total == 1
    assert engine.exists()


def test_sync_picks_up_changed_added_and_removed_articles(engine, articles):
    engine.search("roaming", "en")
    touch_and_append(articles / "en/mobile/roaming.md", "\nAsk about the zebrafinch plan.\n")
    (articles / "en/new.md").write_text("---\ntitle: Quokka policy\n---\nQuokka rules.\n")
    (articles / "ru/security/fraud.md").unlink()
    report = engine.sync(load_library(articles))
    assert report == SyncReport(
        added=("en:new",), changed=("en:mobile/roaming",), removed=("ru:security/fraud",)
    )
    assert [h.slug for h in engine.search("zebrafinch", "en").hits] == ["mobile/roaming"]
    assert [h.slug for h in engine.search("quokka", "en").hits] == ["new"]
    assert engine.search("мошенничество", "ru").total == 0
    assert engine.search("roaming", "en").total == 1  # replaced, not added twice


def test_typos_are_corrected_to_the_words_of_the_index_as_it_is_now(engine, articles):
    """The words typos are corrected to are read per index generation: a sync brings new ones
    and takes away those only a removed article had."""
    assert engine.search("quokkka", "en").corrected is None  # no such word yet
    engine.search("mosquito", "en")  # the words of the letter m are read now
    (articles / "en/new.md").write_text("---\ntitle: Quokka policy\n---\nMonsoon rules.\n")
    engine.sync(load_library(articles))
    found = engine.search("quokkka", "en")
    assert (found.corrected, [h.slug for h in found.hits]) == ("quokka", ["new"])
    assert engine.search("monsooon", "en").corrected == "monsoon"
    (articles / "en/new.md").unlink()
    engine.sync(load_library(articles))
    assert engine.search("monsooon", "en").corrected is None


def test_sync_with_nothing_changed_does_nothing(engine, articles):
    library = load_library(articles)
    engine.sync(library)
    assert engine.sync(library) == SyncReport()


def test_a_new_index_format_re_indexes_every_article_at_the_next_sync(
    engine, articles, tmp_path, monkeypatch
):
    library = load_library(articles)
    engine.sync(library)
    monkeypatch.setattr("kb.search.documents.INDEX_FORMAT", INDEX_FORMAT + 1)
    upgraded = build_engine(tmp_path / "index")  # the next release, over the same index
    report = upgraded.sync(library)
    assert sorted(report.changed) == sorted(f"{lang}:{slug}" for lang, slug in library.articles)
    assert upgraded.sync(library) == SyncReport()
    assert upgraded.search("roaming", "en").total == 1
    upgraded.close()


def test_sync_of_a_missing_index_builds_it(tmp_path, articles):
    engine = build_engine(tmp_path / "index")
    report = engine.sync(load_library(articles))
    assert len(report.added) == 18 and engine.search("refund", "en").total == 1
    engine.close()


def test_sync_skips_while_another_writer_holds_the_lock(engine, articles):
    engine.search("roaming", "en")
    with IndexDir(engine.index_dir.path).writing(timeout=0) as acquired:
        assert acquired
        started = time.monotonic()
        assert engine.sync(load_library(articles)) is None
        assert time.monotonic() - started < 2


def test_a_rebuild_in_one_engine_does_not_break_searches_in_another(tmp_path, articles):
    reader, writer = build_engine(tmp_path / "index"), build_engine(tmp_path / "index")
    writer.rebuild(load_library(articles))
    assert reader.search("roaming", "en").total == 1
    held = reader._searchers.current()  # a searcher a request might still be using
    touch_and_append(articles / "en/mobile/roaming.md", "\nThe okapi clause applies.\n")
    writer.rebuild(load_library(articles))
    assert held.searcher.document_number(key="en:mobile/roaming#@article") is not None
    assert reader.search("okapi", "en").total == 1  # the reader moved to the new generation
    assert reader.search("roaming", "en").total == 1
    reader.close()
    writer.close()


def test_replaced_generations_are_removed_after_the_grace_period(tmp_path, articles):
    library = load_library(articles)
    engine = build_engine(tmp_path / "index")
    first = engine.rebuild(library)
    second = engine.rebuild(library)
    assert (tmp_path / "index" / first).is_dir()  # within the grace period
    (tmp_path / "index" / ".build-leftover").mkdir()  # a build whose writer died
    index_dir = IndexDir(tmp_path / "index", grace=0)
    with index_dir.writing(timeout=None):
        third = index_dir.build(engine._documents(library))
    names = sorted(p.name for p in (tmp_path / "index").iterdir())
    assert names == ["current", third, "write.lock"]
    assert second != third and engine.search("refund", "en").total == 1
    engine.close()


def _sync_in_another_process(index, articles, results):
    engine = build_engine(index, wait=10)
    report = engine.sync(load_library(articles))
    results.put(None if report is None else report.changed)
    engine.close()


def test_two_processes_syncing_at_once_leave_one_good_index(tmp_path, articles):
    index = tmp_path / "index"
    build_engine(index).rebuild(load_library(articles))
    touch_and_append(articles / "en/billing/refund.md", "\nThe narwhal exception.\n")
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(target=_sync_in_another_process, args=(index, articles, results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    reports = sorted((results.get(timeout=5) for _ in workers), key=len)
    assert reports == [(), ("en:billing/refund",)]  # one wrote, the other found nothing to do
    engine = build_engine(index)
    assert [h.slug for h in engine.search("narwhal", "en").hits] == ["billing/refund"]
    assert engine.search("refund", "en").total == 1
    assert len(engine._searchers.current().catalog.articles) == 18
    engine.close()


def _search_in_forked_child(engine, results):
    results.put(engine.search("refund", "en").total)


def test_a_forked_worker_opens_its_own_searcher(tmp_path, articles):
    engine = build_engine(tmp_path / "index")
    engine.rebuild(load_library(articles))
    assert engine.search("roaming", "en").total == 1  # the parent has a searcher open
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_search_in_forked_child, args=(engine, results))
    child.start()
    child.join(30)
    assert child.exitcode == 0 and results.get(timeout=5) == 1
    assert engine.search("recording disclosure", "en").total == 1  # the parent still searches
    engine.close()


def test_a_sync_keeps_the_passages_read_of_articles_it_did_not_change(engine, articles):
    """After one article is edited, searches read that article's passages anew and keep those
    already read of the others (the cache is the engine's own: looked at directly here)."""
    assert engine.search("roaming charge", "en").hits
    assert engine.search("password", "en").hits
    before = dict(engine._searchers.current().passages._articles)
    touch_and_append(articles / "en/mobile/roaming.md", "\n## Zebrafinch plan\n\nAsk first.\n")
    engine.sync(load_library(articles))
    found = engine.search("zebrafinch plan", "en").hits[0]
    assert (found.slug, found.section) == ("mobile/roaming", "Zebrafinch plan")
    after = engine._searchers.current().passages._articles
    assert after["en:mobile/roaming"] is not before["en:mobile/roaming"]
    kept = [key for key in before if key != "en:mobile/roaming"]
    assert kept and all(after.get(key) is before[key] for key in kept)


def test_another_workers_sync_is_seen_after_the_folder_had_settled(
    engine, articles, tmp_path, monkeypatch
):
    """A worker lists the generation's folder only while its modification time is new or has
    changed; a commit by another worker changes it, so the commit is still seen."""
    engine.search("roaming", "en")
    folder = tmp_path / "index" / os.readlink(tmp_path / "index" / "current")
    long_ago = time.time() - 3600
    os.utime(folder, (long_ago, long_ago))
    engine.search("roaming", "en")  # lists the folder once more, and notes its time
    listings = []
    listed = type(engine._searchers.current().ix).latest_generation
    monkeypatch.setattr(
        type(engine._searchers.current().ix),
        "latest_generation",
        lambda ix: listings.append(ix) or listed(ix),
    )
    engine.search("roaming", "en")
    engine.search("sim", "en")
    assert listings == []  # nothing changed: a stat, no listing

    other = build_engine(tmp_path / "index")  # another worker over the same index
    (articles / "en/new.md").write_text("---\ntitle: Quokka policy\n---\nQuokka rules.\n")
    assert other.sync(load_library(articles)).added == ("en:new",)
    other.close()
    os.utime(folder, (long_ago + 60, long_ago + 60))  # the commit was long ago, as time goes
    assert [h.slug for h in engine.search("quokka", "en").hits] == ["new"]
    assert listings  # the folder changed, so it was listed


def test_readers_read_the_segment_files_rather_than_copy_them_whole(engine):
    """whoosh3 copies a memory-mapped segment's terms and postings into memory for every
    reader it opens; read as files, they stay on disk (and in the page cache)."""
    engine.search("roaming", "en")
    assert engine._searchers.current().ix.storage.supports_mmap is False


def _open_files_under(folder) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_an_engine_let_go_without_close_leaves_no_index_file_open(articles, tmp_path):
    engine = build_engine(tmp_path / "index", library=lambda: load_library(articles))
    engine.search("roaming", "en")
    assert _open_files_under(tmp_path / "index")  # the segment files, read as searches go
    del engine
    gc.collect()
    assert _open_files_under(tmp_path / "index") == []


# Exit handlers run last registered first: the first one registered runs after any that would
# close the index files, and gives a warming thread time to read them.
ENDS_WHILE_WARMING = """
import atexit, time
atexit.register(time.sleep, 0.3)
import sys, threading
from kb.search_engine import build_engine
engine = build_engine(sys.argv[1])
engine.search("roaming", "en")
threading.Thread(target=engine.warm, kwargs={"pause": 0.001}, daemon=True).start()
time.sleep(0.005)
"""


def test_a_process_that_ends_while_warming_ends_quietly(built):
    """The interpreter's exit leaves the index files to the system: a warming thread still
    reading them must not find them closed under it (a traceback as a CLI command ended)."""
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", ENDS_WHILE_WARMING, str(built.index_dir.path)],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
