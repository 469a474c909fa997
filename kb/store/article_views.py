"""Article views: one row per page served, rolled into daily counts after the retention period."""

from __future__ import annotations

from datetime import UTC, datetime

from kb.store.db import NotKept, Store
from kb.store.tables import article_views


def record_view(store: Store, lang: str, slug: str, now: datetime | None = None) -> None:
    """Count one view with a single insert; a failure drops it and never fails the page."""
    at = now or datetime.now(UTC).replace(tzinfo=None)
    try:
        with store.recording("article views") as conn:
            conn.execute(article_views.insert().values(at=at, lang=lang, slug=slug[:500]))
    except NotKept:
        pass
