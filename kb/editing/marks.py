"""Translation marks: the revision of each language when an editor marked them as in line."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, func, select, update

from kb.editing.records import now
from kb.store.tables import article_revisions, translation_marks


def add_mark(conn: Connection, slug: str, revisions: dict[str, int], author: str) -> None:
    row = {"slug": slug, "revisions": json.dumps(revisions), "author": author, "at": now()}
    conn.execute(translation_marks.insert().values(**row))


def latest_mark(conn: Connection, slug: str) -> tuple[dict[str, int], str, datetime] | None:
    row = conn.execute(
        select(translation_marks.c.revisions, translation_marks.c.author, translation_marks.c.at)
        .where(translation_marks.c.slug == slug)
        .order_by(translation_marks.c.id.desc())
        .limit(1)
    ).first()
    return (json.loads(row.revisions), row.author, row.at) if row else None


def latest_marks(conn: Connection) -> dict[str, dict[str, int]]:
    """Every marked article's latest mark: slug -> revision per language."""
    newest = (
        select(func.max(translation_marks.c.id).label("id"))
        .group_by(translation_marks.c.slug)
        .subquery()
    )
    rows = conn.execute(
        select(translation_marks.c.slug, translation_marks.c.revisions).join(
            newest, newest.c.id == translation_marks.c.id
        )
    )
    return {row.slug: json.loads(row.revisions) for row in rows}


def latest_revision_ids(conn: Connection, slugs: set[str]) -> dict[tuple[str, str], int]:
    """(lang, slug) -> the newest revision id, for the given articles."""
    rows = conn.execute(
        select(
            article_revisions.c.lang,
            article_revisions.c.slug,
            func.max(article_revisions.c.id).label("id"),
        )
        .where(article_revisions.c.slug.in_(slugs))
        .group_by(article_revisions.c.lang, article_revisions.c.slug)
    )
    return {(row.lang, row.slug): row.id for row in rows}


def rename_marks(conn: Connection, old: str, new: str) -> None:
    conn.execute(update(translation_marks).where(translation_marks.c.slug == old).values(slug=new))
