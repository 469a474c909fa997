"""Uploaded images in the records database, so that every instance serves the same ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, delete, select

from kb.editing.images import CleanImage
from kb.editing.records import now
from kb.store.tables import media

# How an article refers to an image: /media/<name>, in a Markdown image or a link.
MEDIA_REF = re.compile(r"/media/([0-9a-f]{24}\.(?:png|jpg|webp))")


def add_media(conn: Connection, image: CleanImage, author: str) -> bool:
    """Store an image once (the name is its digest); False when it was there already."""
    if conn.execute(select(media.c.name).where(media.c.name == image.name)).first():
        return False
    conn.execute(
        media.insert().values(
            name=image.name,
            content_type=image.content_type,
            data=image.data,
            bytes=len(image.data),
            width=image.width,
            height=image.height,
            uploaded_by=author,
            at=now(),
        )
    )
    return True


def get_media(conn: Connection, name: str) -> tuple[str, bytes] | None:
    row = conn.execute(select(media.c.content_type, media.c.data).where(media.c.name == name))
    found = row.first()
    return (found.content_type, found.data) if found else None


def list_media(conn: Connection) -> list[Row[Any]]:
    return list(
        conn.execute(
            select(
                media.c.name,
                media.c.content_type,
                media.c.bytes,
                media.c.width,
                media.c.height,
                media.c.uploaded_by,
                media.c.at,
            ).order_by(media.c.at.desc())
        )
    )


def delete_media(conn: Connection, name: str) -> bool:
    return bool(conn.execute(delete(media).where(media.c.name == name)).rowcount)


def unused_media(conn: Connection, texts: Iterable[str]) -> list[Row[Any]]:
    """Images that none of `texts` (published articles and open drafts) refers to."""
    used = {name for body in texts for name in MEDIA_REF.findall(body)}
    return [row for row in list_media(conn) if row.name not in used]
