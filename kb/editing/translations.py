"""Keeping the languages of an article in step: "brought in line" marks, and what changed in
each language since the last one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kb import LANGUAGES
from kb.editing import marks
from kb.editing import records as r
from kb.editing.workflow import head
from kb.store.db import Store


@dataclass(frozen=True)
class Alignment:
    """The last mark of an article, and per language whether its counterpart changed since."""

    marked: dict[str, int] | None  # revision per language at the mark; None: never marked
    marked_by: str | None
    marked_at: datetime | None
    changed: dict[str, bool]  # language -> published or drafted since the mark
    before: dict[str, str]  # language -> its text at the mark

    def stale(self, lang: str) -> bool:
        """True when another language changed since the mark: this one may be out of date."""
        return self.marked is not None and any(
            changed for other, changed in self.changed.items() if other != lang
        )


def alignment(store: Store, slug: str) -> Alignment:
    with store.engine.connect() as conn:
        mark = marks.latest_mark(conn, slug)
        if mark is None:
            return Alignment(None, None, None, {}, {})
        revisions, author, at = mark
        changed, before = {}, {}
        for lang in LANGUAGES:
            latest = r.latest_revision(conn, lang, slug)
            marked_id = revisions.get(lang)
            changed[lang] = (latest.id if latest else None) != marked_id
            at_mark = r.get_revision(conn, marked_id) if marked_id else None
            before[lang] = at_mark.text or "" if at_mark else ""
    return Alignment(revisions, author, at, changed, before)


def mark_in_line(store: Store, slug: str, author: str, disk: dict[str, str | None]) -> None:
    """Mark every language of the article as matching the others, as published now."""
    revisions = {}
    for lang in LANGUAGES:
        current = head(store, lang, slug, disk.get(lang))
        if current.revision is not None:
            revisions[lang] = current.revision.id
    with store.engine.begin() as conn:
        marks.add_mark(conn, slug, revisions, author)
        r.audit(conn, author, "in-line", None, slug)


def changed_since_marks(store: Store) -> dict[str, set[str]]:
    """For every article ever marked in line: the languages published since its last mark
    (two queries, for the review page and the editors' badges)."""
    with store.engine.connect() as conn:
        marked = marks.latest_marks(conn)
        if not marked:
            return {}
        latest = marks.latest_revision_ids(conn, set(marked))
    return {
        slug: {lang for lang in LANGUAGES if latest.get((lang, slug)) != revisions.get(lang)}
        for slug, revisions in marked.items()
    }
