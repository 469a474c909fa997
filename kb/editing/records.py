"""Reading and writing the editing tables: revisions, drafts, marks, redirects, images, audit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, delete, func, select, text, update

from kb.store.db import Store
from kb.store.tables import (
    article_drafts,
    article_redirects,
    article_revisions,
    audit_log,
)

OPEN_STATES = ("open", "submitted")


@dataclass(frozen=True)
class Revision:
    id: int
    lang: str
    slug: str
    text: str | None  # None: the article left the folder (archived, moved, deleted on disk)
    source: str  # editor, filesystem, restore, move, archive
    author: str | None  # None: the file system
    message: str
    approved_by: str | None
    at: datetime


@dataclass(frozen=True)
class Draft:
    id: int
    lang: str
    slug: str
    text: str
    base_revision: int | None
    author: str
    message: str
    state: str  # open, submitted (waiting for approval), published, discarded, superseded
    at: datetime


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    editor: str
    action: str
    lang: str | None
    slug: str | None
    detail: str


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def digest(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode()).hexdigest()


def write_lock(store: Store, conn: Connection, name: str) -> None:
    """Serialise read-then-write work on one article across processes: PostgreSQL takes an
    advisory lock; SQLite takes its write lock now, before the reads, not at the first write."""
    if store.dialect == "sqlite":
        conn.execute(text("UPDATE article_redirects SET lang = lang WHERE 0"))
    else:
        store.lock(conn, name)


# Revisions: every change to what the articles folder holds.

_REVISION_COLUMNS = (
    article_revisions.c.id,
    article_revisions.c.lang,
    article_revisions.c.slug,
    article_revisions.c.text,
    article_revisions.c.source,
    article_revisions.c.author,
    article_revisions.c.message,
    article_revisions.c.approved_by,
    article_revisions.c.at,
)


def add_revision(
    conn: Connection,
    lang: str,
    slug: str,
    body: str | None,
    source: str,
    author: str | None,
    message: str = "",
    approved_by: str | None = None,
) -> int:
    row = {
        "lang": lang,
        "slug": slug,
        "text": body,
        "digest": digest(body),
        "source": source,
        "author": author,
        "message": message[:500],
        "approved_by": approved_by,
        "at": now(),
    }
    added = article_revisions.insert().values(**row).returning(article_revisions.c.id)
    return int(conn.execute(added).scalar_one())


def latest_revision(conn: Connection, lang: str, slug: str) -> Revision | None:
    row = conn.execute(
        select(*_REVISION_COLUMNS)
        .where(article_revisions.c.lang == lang, article_revisions.c.slug == slug)
        .order_by(article_revisions.c.id.desc())
        .limit(1)
    ).first()
    return Revision(*row) if row else None


def has_text(conn: Connection, lang: str, slug: str, text_digest: str | None) -> bool:
    """Whether some revision of the article had this text (by its digest)."""
    if text_digest is None:
        return False
    found = conn.execute(
        select(article_revisions.c.id)
        .where(
            article_revisions.c.lang == lang,
            article_revisions.c.slug == slug,
            article_revisions.c.digest == text_digest,
        )
        .limit(1)
    ).first()
    return found is not None


def get_revision(conn: Connection, revision_id: int) -> Revision | None:
    row = conn.execute(
        select(*_REVISION_COLUMNS).where(article_revisions.c.id == revision_id)
    ).first()
    return Revision(*row) if row else None


def history(conn: Connection, lang: str, slug: str, limit: int = 500) -> list[Revision]:
    """The article's revisions, newest first."""
    rows = conn.execute(
        select(*_REVISION_COLUMNS)
        .where(article_revisions.c.lang == lang, article_revisions.c.slug == slug)
        .order_by(article_revisions.c.id.desc())
        .limit(limit)
    )
    return [Revision(*row) for row in rows]


def changes_after(conn: Connection, last_id: int) -> list[tuple[int, str, str]]:
    """(id, lang, slug) of every revision after `last_id`, oldest first."""
    rows = conn.execute(
        select(article_revisions.c.id, article_revisions.c.lang, article_revisions.c.slug)
        .where(article_revisions.c.id > last_id)
        .order_by(article_revisions.c.id)
    )
    return [tuple(row) for row in rows]


def last_revision_id(conn: Connection) -> int:
    return conn.execute(select(func.max(article_revisions.c.id))).scalar() or 0


def archived(conn: Connection) -> list[Revision]:
    """Articles whose latest revision archived them, newest first."""
    latest = (
        select(func.max(article_revisions.c.id).label("id"))
        .group_by(article_revisions.c.lang, article_revisions.c.slug)
        .subquery()
    )
    rows = conn.execute(
        select(*_REVISION_COLUMNS)
        .join(latest, latest.c.id == article_revisions.c.id)
        .where(article_revisions.c.source == "archive", article_revisions.c.text.is_(None))
        .order_by(article_revisions.c.id.desc())
    )
    return [Revision(*row) for row in rows]


def last_text(conn: Connection, lang: str, slug: str) -> Revision | None:
    """The newest revision of the article that has a text (what an archive put away)."""
    row = conn.execute(
        select(*_REVISION_COLUMNS)
        .where(
            article_revisions.c.lang == lang,
            article_revisions.c.slug == slug,
            article_revisions.c.text.is_not(None),
        )
        .order_by(article_revisions.c.id.desc())
        .limit(1)
    ).first()
    return Revision(*row) if row else None


def rename_history(conn: Connection, lang: str, old: str, new: str, before: int) -> None:
    """History and drafts follow a moved article to its new path."""
    conn.execute(
        update(article_revisions)
        .where(
            article_revisions.c.lang == lang,
            article_revisions.c.slug == old,
            article_revisions.c.id < before,
        )
        .values(slug=new)
    )
    conn.execute(
        update(article_drafts)
        .where(article_drafts.c.lang == lang, article_drafts.c.slug == old)
        .values(slug=new)
    )


# Drafts.

_DRAFT_COLUMNS = (
    article_drafts.c.id,
    article_drafts.c.lang,
    article_drafts.c.slug,
    article_drafts.c.text,
    article_drafts.c.base_revision,
    article_drafts.c.author,
    article_drafts.c.message,
    article_drafts.c.state,
    article_drafts.c.at,
)


def current_draft(conn: Connection, lang: str, slug: str) -> Draft | None:
    """The article's draft: its newest save, while open or waiting for approval."""
    row = conn.execute(
        select(*_DRAFT_COLUMNS)
        .where(article_drafts.c.lang == lang, article_drafts.c.slug == slug)
        .order_by(article_drafts.c.id.desc())
        .limit(1)
    ).first()
    return Draft(*row) if row and row.state in OPEN_STATES else None


def get_draft(conn: Connection, draft_id: int) -> Draft | None:
    row = conn.execute(select(*_DRAFT_COLUMNS).where(article_drafts.c.id == draft_id)).first()
    return Draft(*row) if row else None


def add_draft(
    conn: Connection,
    lang: str,
    slug: str,
    body: str,
    base_revision: int | None,
    author: str,
    message: str,
    state: str = "open",
) -> int:
    conn.execute(
        update(article_drafts)
        .where(
            article_drafts.c.lang == lang,
            article_drafts.c.slug == slug,
            article_drafts.c.state.in_(OPEN_STATES),
        )
        .values(state="superseded")
    )
    row = {
        "lang": lang,
        "slug": slug,
        "text": body,
        "base_revision": base_revision,
        "author": author,
        "message": message[:500],
        "state": state,
        "at": now(),
    }
    added = article_drafts.insert().values(**row).returning(article_drafts.c.id)
    return int(conn.execute(added).scalar_one())


def close_drafts(conn: Connection, lang: str, slug: str, state: str) -> None:
    conn.execute(
        update(article_drafts)
        .where(
            article_drafts.c.lang == lang,
            article_drafts.c.slug == slug,
            article_drafts.c.state.in_(OPEN_STATES),
        )
        .values(state=state)
    )


def open_drafts(conn: Connection) -> list[Draft]:
    """Every article's current draft, newest first."""
    newest = (
        select(func.max(article_drafts.c.id).label("id"))
        .group_by(article_drafts.c.lang, article_drafts.c.slug)
        .subquery()
    )
    rows = conn.execute(
        select(*_DRAFT_COLUMNS)
        .join(newest, newest.c.id == article_drafts.c.id)
        .where(article_drafts.c.state.in_(OPEN_STATES))
        .order_by(article_drafts.c.id.desc())
    )
    return [Draft(*row) for row in rows]


def draft_texts(conn: Connection) -> list[str]:
    return [d.text for d in open_drafts(conn)]


# Redirects from the old addresses of moved articles.


def add_redirect(conn: Connection, lang: str, old: str, new: str) -> None:
    table = article_redirects
    conn.execute(delete(table).where(table.c.lang == lang, table.c.old_slug == new))
    conn.execute(  # older addresses go straight to the newest one: no chains
        update(table).where(table.c.lang == lang, table.c.new_slug == old).values(new_slug=new)
    )
    conn.execute(delete(table).where(table.c.lang == lang, table.c.old_slug == old))
    conn.execute(table.insert().values(lang=lang, old_slug=old, new_slug=new, at=now()))


def redirect_target(conn: Connection, lang: str, slug: str) -> str | None:
    return conn.execute(
        select(article_redirects.c.new_slug).where(
            and_(article_redirects.c.lang == lang, article_redirects.c.old_slug == slug)
        )
    ).scalar()


# The audit trail.


def audit(
    conn: Connection,
    editor: str,
    action: str,
    lang: str | None = None,
    slug: str | None = None,
    detail: str = "",
) -> None:
    row = {"at": now(), "editor": editor, "action": action, "lang": lang, "slug": slug}
    conn.execute(audit_log.insert().values(**row, detail=detail[:500]))


def audit_entries(conn: Connection, limit: int = 200) -> list[AuditEntry]:
    rows = conn.execute(
        select(
            audit_log.c.id,
            audit_log.c.at,
            audit_log.c.editor,
            audit_log.c.action,
            audit_log.c.lang,
            audit_log.c.slug,
            audit_log.c.detail,
        )
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    return [AuditEntry(*row) for row in rows]
