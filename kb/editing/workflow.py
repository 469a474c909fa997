"""What editors do to an article: save a draft, publish, approve, restore, move, archive.

Every operation runs in one transaction under the article's lock and checks the version the
editor started from, so that a second save never silently replaces the first: it gets a merge
back instead. Files are written afterwards by `FolderSync`, the same way on every instance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from kb import LANGUAGES
from kb.editing import marks
from kb.editing import records as r
from kb.editing.labels import N_
from kb.editing.merge import MergeResult, merge3
from kb.editing.paths import PathError, clean_slug
from kb.editing.records import digest
from kb.store.db import Store


class EditError(ValueError):
    """An operation that cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class Head:
    """What an editor starts from: the published revision, the draft over it, and the text."""

    lang: str
    slug: str
    revision: r.Revision | None
    draft: r.Draft | None
    text: str
    rebased: MergeResult | None = None  # the draft merged with a later publish or disk change

    @property
    def token(self) -> str:
        """Names this version; a save from another version is a concurrent edit."""
        return f"{self.revision.id if self.revision else 0}.{self.draft.id if self.draft else 0}"

    @property
    def published(self) -> bool:
        return self.revision is not None and self.revision.text is not None


@dataclass(frozen=True)
class Outcome:
    """A save or publish: done (`revision` or `draft` set), or a merge for the editor to check."""

    head: Head
    merge: MergeResult | None = None
    revision: int | None = None
    draft: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return self.merge is None


def head(store: Store, lang: str, slug: str, disk_text: str | None = None) -> Head:
    """The article's current version; `disk_text` (the file as it is) is recorded first as a
    revision by the file system when history does not know it yet."""
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-edit:{lang}/{slug}")
        if disk_text is not None:
            latest = r.latest_revision(conn, lang, slug)
            if latest is None or latest.text != disk_text:
                r.add_revision(conn, lang, slug, disk_text, "filesystem", None)
        return _head(conn, lang, slug)


def _head(conn: Connection, lang: str, slug: str) -> Head:
    revision = r.latest_revision(conn, lang, slug)
    draft = r.current_draft(conn, lang, slug)
    published = revision.text if revision and revision.text is not None else ""
    if draft is None:
        return Head(lang, slug, revision, None, published)
    if draft.base_revision == (revision.id if revision else None):
        return Head(lang, slug, revision, draft, draft.text)
    # Published since the draft began (by another editor, or on disk): the draft is merged with
    # that change now, so that publishing it does not undo it.
    base = r.get_revision(conn, draft.base_revision) if draft.base_revision else None
    base_text = base.text if base and base.text is not None else ""
    merged = merge3(base_text, draft.text, published, "draft", "published")
    return Head(lang, slug, revision, draft, merged.text, merged)


def _text_at(conn: Connection, lang: str, slug: str, token: str) -> str:
    """The text an editor started from, named by its token."""
    try:
        revision_id, draft_id = (int(part) for part in token.split("."))
    except ValueError:
        return ""
    if draft_id:
        draft = r.get_draft(conn, draft_id)
        if draft is not None and (draft.lang, draft.slug) == (lang, slug):
            return draft.text
    if revision_id:
        revision = r.get_revision(conn, revision_id)
        if revision is not None and revision.text is not None:
            return revision.text
    return ""


def _concurrent(
    conn: Connection, current: Head, text: str, token: str, author: str
) -> MergeResult | None:
    """None when the editor worked on the current version; else their text merged with it."""
    if token == current.token:
        return None
    base = _text_at(conn, current.lang, current.slug, token)
    if current.draft is not None:
        other = current.draft.author
    elif current.revision is not None:
        other = current.revision.author or "disk"
    else:
        other = "theirs"
    return merge3(base, text, current.text, author, other)


def save_draft(
    store: Store, lang: str, slug: str, text: str, token: str, author: str, message: str = ""
) -> Outcome:
    """Save the editor's text as the article's draft (seen only by editors)."""
    return _save(store, lang, slug, text, token, author, message, "open")


def submit(
    store: Store, lang: str, slug: str, text: str, token: str, author: str, message: str = ""
) -> Outcome:
    """Save the draft and ask for a second editor's approval before it is published."""
    return _save(store, lang, slug, text, token, author, message, "submitted")


def _save(
    store: Store,
    lang: str,
    slug: str,
    text: str,
    token: str,
    author: str,
    message: str,
    state: str,
) -> Outcome:
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-edit:{lang}/{slug}")
        current = _head(conn, lang, slug)
        merge = _concurrent(conn, current, text, token, author)
        if merge is not None:
            return Outcome(current, merge)
        base = current.revision.id if current.revision else None
        draft_id = r.add_draft(conn, lang, slug, text, base, author, message, state)
        if state == "submitted":
            r.audit(conn, author, "submit", lang, slug, message)
        return Outcome(_head(conn, lang, slug), draft=draft_id)


def publish(
    store: Store,
    lang: str,
    slug: str,
    text: str,
    token: str,
    author: str,
    message: str = "",
    approved_by: str | None = None,
    source: str = "editor",
    action: str = "publish",
) -> Outcome:
    """Make the text the published article: a new revision that every instance writes."""
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-edit:{lang}/{slug}")
        current = _head(conn, lang, slug)
        merge = _concurrent(conn, current, text, token, author)
        if merge is not None:
            return Outcome(current, merge)
        revision = r.add_revision(conn, lang, slug, text, source, author, message, approved_by)
        r.close_drafts(conn, lang, slug, "published")
        r.audit(conn, approved_by or author, action, lang, slug, message or f"revision {revision}")
        return Outcome(_head(conn, lang, slug), revision=revision)


def approve(store: Store, lang: str, slug: str, token: str, approver: str) -> Outcome:
    """Publish a draft that waits for approval; its author cannot approve it."""
    current = head(store, lang, slug)
    draft = current.draft
    if draft is None or draft.state != "submitted":
        raise EditError(N_("there is no draft waiting for approval"))
    if draft.author == approver:
        raise EditError(N_("a second editor must approve this draft"))
    if current.rebased is not None and not current.rebased.clean:
        raise EditError(N_("the draft conflicts with a later change; its author must resolve it"))
    return publish(
        store,
        lang,
        slug,
        current.text,
        token,
        draft.author,
        draft.message,
        approved_by=approver,
        action="approve",
    )


def discard(store: Store, lang: str, slug: str, author: str) -> None:
    with store.engine.begin() as conn:
        r.close_drafts(conn, lang, slug, "discarded")
        r.audit(conn, author, "discard", lang, slug)


def restore(store: Store, lang: str, slug: str, revision_id: int, author: str) -> Outcome:
    """Publish an earlier revision's text again, as a new revision."""
    with store.engine.connect() as conn:
        old = r.get_revision(conn, revision_id)
    if old is None or (old.lang, old.slug) != (lang, slug) or old.text is None:
        raise EditError(N_("that revision cannot be restored"))
    current = head(store, lang, slug)
    token = f"{current.revision.id if current.revision else 0}.0"
    if current.draft is not None:  # a draft stays a draft; the restore goes under it
        token = current.token
    return publish(
        store,
        lang,
        slug,
        old.text,
        token,
        author,
        f"restored revision {revision_id}",
        source="restore",
        action="restore",
    )


def move(store: Store, old: str, new: str, author: str, texts: dict[str, str]) -> list[str]:
    """Move an article (every language it has) to a new path; the old address redirects.

    `texts` are the article's files as they are, by language. Returns the languages moved.
    """
    try:
        new = clean_slug(new)
    except PathError as error:
        raise EditError(str(error)) from None
    if new == old:
        raise EditError(N_("the new path is the same as the old one"))
    moved = []
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-move:{old}")
        for lang in LANGUAGES:
            target = r.latest_revision(conn, lang, new)
            if target is not None and target.text is not None:
                raise EditError(N_("an article already has that path"))
        for lang in LANGUAGES:
            latest = r.latest_revision(conn, lang, old)
            text = latest.text if latest is not None and latest.text is not None else None
            text = texts.get(lang, text)
            if text is None:
                continue
            gone = r.add_revision(conn, lang, old, None, "move", author, f"moved to {new}")
            r.add_revision(conn, lang, new, text, "move", author, f"moved from {old}")
            r.rename_history(conn, lang, old, new, before=gone)
            r.add_redirect(conn, lang, old, new)
            r.audit(conn, author, "move", lang, new, f"from {old}")
            moved.append(lang)
        marks.rename_marks(conn, old, new)
    if not moved:
        raise EditError(N_("there is no such article"))
    return moved


def archive(store: Store, slug: str, author: str, texts: dict[str, str]) -> list[str]:
    """Take an article (every language) out of the site; its history keeps the text."""
    done = []
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-move:{slug}")
        for lang in LANGUAGES:
            latest = r.latest_revision(conn, lang, slug)
            if lang in texts and (latest is None or latest.text != texts[lang]):
                r.add_revision(conn, lang, slug, texts[lang], "filesystem", None)
            elif lang not in texts and (latest is None or latest.text is None):
                continue
            r.add_revision(conn, lang, slug, None, "archive", author, "archived")
            r.close_drafts(conn, lang, slug, "discarded")
            r.audit(conn, author, "archive", lang, slug)
            done.append(lang)
    if not done:
        raise EditError(N_("there is no such article"))
    return done


def unarchive(store: Store, lang: str, slug: str, author: str) -> int:
    """Put an archived article back as it was."""
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-move:{slug}")
        latest = r.latest_revision(conn, lang, slug)
        kept = r.last_text(conn, lang, slug)
        if latest is None or latest.text is not None or kept is None:
            raise EditError(N_("that article is not archived"))
        revision = r.add_revision(conn, lang, slug, kept.text, "restore", author, "unarchived")
        r.audit(conn, author, "unarchive", lang, slug)
        return revision


def record_disk_change(
    store: Store, lang: str, slug: str, text: str | None, applied_through: int | None = None
) -> bool:
    """Record what the file system now holds for an article, unless history has it already.

    `applied_through`: the newest revision the folder has been brought up to. A file that
    holds an earlier revision's text while a later one is not applied yet missed a publish
    (being written now, by this process or another): that is no change made on disk, and
    recording it would undo the publish."""
    with store.engine.begin() as conn:
        r.write_lock(store, conn, f"kb-edit:{lang}/{slug}")
        latest = r.latest_revision(conn, lang, slug)
        if (latest.text if latest else None) == text:
            return False
        if (
            latest is not None
            and applied_through is not None
            and latest.id > applied_through
            and r.has_text(conn, lang, slug, digest(text))
        ):
            return False
        r.add_revision(conn, lang, slug, text, "filesystem", None)
        return True
