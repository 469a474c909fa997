"""Drafts, publishing, concurrent edits, restore, move and archive, over the records database."""

import threading

import pytest

from kb.editing import records as r
from kb.editing import workflow as w
from kb.editing.sync import DiskRecorder, FolderSync
from kb.editing.translations import alignment, mark_in_line

TEXT = "# Refunds\n\nFirst step.\n\nSecond step.\n\nThird step.\n"


def published(store, lang="en", slug="refunds"):
    with store.engine.connect() as conn:
        return r.latest_revision(conn, lang, slug)


def test_a_draft_is_kept_apart_until_published(store):
    start = w.head(store, "en", "refunds", TEXT)  # the file as found: a revision by the disk
    assert start.revision.source == "filesystem" and start.text == TEXT
    saved = w.save_draft(store, "en", "refunds", TEXT + "More.\n", start.token, "anna")
    assert saved.done and saved.head.draft.author == "anna"
    assert published(store).text == TEXT
    done = w.publish(store, "en", "refunds", saved.head.text, saved.head.token, "anna", "more")
    assert done.done and published(store).text == TEXT + "More.\n"
    assert published(store).author == "anna" and published(store).message == "more"
    assert w.head(store, "en", "refunds").draft is None
    with store.engine.connect() as conn:
        assert [e.action for e in r.audit_entries(conn)] == ["publish"]


def test_a_second_save_from_an_old_version_is_merged_not_lost(store):
    start = w.head(store, "en", "refunds", TEXT)
    anna = TEXT.replace("First", "Anna's first")
    boris = TEXT.replace("Third", "Boris's third")
    assert w.save_draft(store, "en", "refunds", anna, start.token, "anna").done
    late = w.save_draft(store, "en", "refunds", boris, start.token, "boris")
    assert not late.done and late.merge.clean
    assert "Anna's first" in late.merge.text and "Boris's third" in late.merge.text
    assert w.head(store, "en", "refunds").text == anna  # nothing saved yet
    again = w.save_draft(store, "en", "refunds", late.merge.text, late.head.token, "boris")
    assert again.done and w.head(store, "en", "refunds").text == late.merge.text


def test_overlapping_edits_come_back_as_conflicts(store):
    start = w.head(store, "en", "refunds", TEXT)
    w.publish(store, "en", "refunds", TEXT.replace("Second", "Anna's"), start.token, "anna")
    late = w.publish(
        store, "en", "refunds", TEXT.replace("Second", "Boris's"), start.token, "boris"
    )
    assert not late.done and len(late.merge.conflicts) == 1
    assert late.merge.conflicts[0].theirs == "Anna's step.\n"
    assert published(store).author == "anna"


def test_a_change_published_under_a_draft_is_merged_into_it(store):
    start = w.head(store, "en", "refunds", TEXT)
    draft = w.save_draft(store, "en", "refunds", TEXT + "Draft line.\n", start.token, "anna")
    assert w.record_disk_change(store, "en", "refunds", TEXT.replace("First", "1st"))
    now = w.head(store, "en", "refunds")
    assert now.draft.id == draft.draft and now.rebased.clean
    assert now.text == TEXT.replace("First", "1st") + "Draft line.\n"


def test_restore_is_a_new_revision(store):
    start = w.head(store, "en", "refunds", TEXT)
    first = start.revision.id
    w.publish(store, "en", "refunds", "changed\n", start.token, "anna")
    done = w.restore(store, "en", "refunds", first, "boris")
    latest = published(store)
    assert done.done and latest.text == TEXT and latest.source == "restore"
    with store.engine.connect() as conn:
        assert len(r.history(conn, "en", "refunds")) == 3


def test_approval_needs_a_second_editor(store):
    start = w.head(store, "en", "refunds", TEXT)
    sent = w.submit(store, "en", "refunds", TEXT + "x\n", start.token, "anna")
    with pytest.raises(w.EditError):
        w.approve(store, "en", "refunds", sent.head.token, "anna")
    done = w.approve(store, "en", "refunds", sent.head.token, "boris")
    assert done.done and published(store).approved_by == "boris"
    assert published(store).author == "anna"


def test_move_keeps_history_and_redirects(store):
    start = w.head(store, "en", "refunds", TEXT)
    w.publish(store, "en", "refunds", TEXT + "y\n", start.token, "anna")
    assert w.move(store, "refunds", "billing/refunds", "anna", {"ru": "# Возвраты\n"}) == [
        "en",
        "ru",
    ]
    with store.engine.connect() as conn:
        assert r.redirect_target(conn, "en", "refunds") == "billing/refunds"
        moved = r.history(conn, "en", "billing/refunds")
        assert [x.source for x in moved] == ["move", "editor", "filesystem"]
        assert r.latest_revision(conn, "en", "refunds").text is None
    w.move(store, "billing/refunds", "money/refunds", "anna", {})
    with store.engine.connect() as conn:  # no chains of redirects
        assert r.redirect_target(conn, "en", "refunds") == "money/refunds"
        assert r.redirect_target(conn, "en", "billing/refunds") == "money/refunds"
    with pytest.raises(w.EditError):
        w.move(store, "money/refunds", "../x", "anna", {})


def test_archive_and_unarchive(store):
    w.head(store, "en", "refunds", TEXT)
    assert w.archive(store, "refunds", "anna", {"en": TEXT}) == ["en"]
    with store.engine.connect() as conn:
        assert [x.slug for x in r.archived(conn)] == ["refunds"]
    w.unarchive(store, "en", "refunds", "anna")
    assert published(store).text == TEXT
    with pytest.raises(w.EditError):
        w.unarchive(store, "en", "refunds", "anna")


def test_folder_sync_writes_what_was_published_once(store, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    start = w.head(store, "en", "refunds", TEXT)
    w.publish(store, "en", "billing/refunds", "# New\n", "0.0", "anna")
    w.publish(store, "en", "refunds", TEXT + "z\n", start.token, "anna")
    sync_one = FolderSync(store, one, tmp_path / "state-one")
    assert sync_one.apply() is True
    assert (one / "en" / "refunds.md").read_text() == TEXT + "z\n"
    assert (one / "en" / "billing" / "refunds.md").read_text() == "# New\n"
    assert sync_one.apply() is False
    assert FolderSync(store, one, tmp_path / "state-one").last == sync_one.last  # remembered
    assert FolderSync(store, two, tmp_path / "state-two").apply() is True
    w.archive(store, "refunds", "anna", {"en": TEXT + "z\n"})
    assert sync_one.apply() is True and not (one / "en" / "refunds.md").exists()


def test_disk_changes_become_revisions_by_the_file_system(store, tmp_path):
    from kb.content import LiveLibrary

    root = tmp_path / "articles"
    (root / "en").mkdir(parents=True)
    path = root / "en" / "refunds.md"
    path.write_text(TEXT)
    content = LiveLibrary(root)
    content.on_change(DiskRecorder(store, content.library))
    path.write_text(TEXT + "edited on disk\n")
    import os

    os.utime(path, ns=(1, 2_000_000_000))
    content.refresh()
    latest = published(store)
    assert latest.source == "filesystem" and latest.author is None
    assert latest.text.endswith("edited on disk\n")
    path.unlink()
    content.refresh()
    assert published(store).text is None


def test_in_line_marks(store):
    w.head(store, "en", "refunds", TEXT)
    w.head(store, "ru", "refunds", "# Возвраты\n")
    assert alignment(store, "refunds").marked is None
    mark_in_line(store, "refunds", "anna", {})
    state = alignment(store, "refunds")
    assert not state.stale("ru") and not state.stale("en")
    en = w.head(store, "en", "refunds")
    w.publish(store, "en", "refunds", TEXT + "new\n", en.token, "anna")
    state = alignment(store, "refunds")
    assert state.stale("ru") and not state.stale("en")
    assert state.before["en"] == TEXT
    mark_in_line(store, "refunds", "boris", {})
    assert not alignment(store, "refunds").stale("ru")


def test_a_file_that_missed_a_publish_is_never_recorded_as_a_change(store, tmp_path):
    from kb.content import LiveLibrary

    root = tmp_path / "articles"
    (root / "en").mkdir(parents=True)
    start = w.head(store, "en", "refunds", TEXT)
    folder = FolderSync(store, root, tmp_path / "state")
    folder.apply()
    content = LiveLibrary(root)
    content.on_change(DiskRecorder(store, content.library, folder))
    # Another instance publishes twice; this folder applied only the first when it looks.
    first = w.publish(store, "en", "refunds", TEXT + "one\n", start.token, "anna")
    folder.apply()
    w.publish(store, "en", "refunds", TEXT + "two\n", first.head.token, "boris")
    content.refresh()  # sees the file it wrote (one), behind "two": not a change on disk
    assert published(store).text == TEXT + "two\n"
    folder.apply()
    assert (root / "en" / "refunds.md").read_text() == TEXT + "two\n"
    with store.engine.connect() as conn:
        assert [x.source for x in r.history(conn, "en", "refunds")] == [
            "editor",
            "editor",
            "filesystem",
        ]
    assert not w.record_disk_change(store, "en", "refunds", TEXT, applied_through=0)
    assert w.record_disk_change(store, "en", "refunds", "new on disk\n", applied_through=0)


def test_a_publisher_waits_for_a_look_in_progress_then_writes_its_own_revision(store, tmp_path):
    """The poll may have read the changes just before this publish: returning at once would
    tell the editor "published" with the file (and so the search index) still old."""
    sync = FolderSync(store, tmp_path / "one", tmp_path / "state")
    start = w.head(store, "en", "refunds", TEXT)
    sync.apply()
    sync._lock.acquire()  # the poll's look, begun before the publish below
    w.publish(store, "en", "refunds", TEXT + "z\n", start.token, "anna")
    assert sync.apply() is None  # the poll itself does not wait for another look
    threading.Timer(0.2, sync._lock.release).start()
    assert sync.apply(wait=5.0) is True
    assert (tmp_path / "one" / "en" / "refunds.md").read_text() == TEXT + "z\n"
