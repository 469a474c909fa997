"""Article views: one row per page served, rolled into daily counts after the retention period."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from kb.store.db import Store
from kb.store.tables import article_views

log = logging.getLogger(__name__)


def record_view(store: Store, lang: str, slug: str, now: datetime | None = None) -> None:
    """Count one view with a single insert; a failure is logged and never fails the page."""
    at = now or datetime.now(UTC).replace(tzinfo=None)
    try:
        with store.engine.begin() as conn:
            conn.execute(article_views.insert().values(at=at, lang=lang, slug=slug[:500]))
    except SQLAlchemyError:
        log.warning("could not count a view of %s/%s", lang, slug, exc_info=True)
