"""The search log: what agents typed and found, minus anything that looks like customer data."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import update

from kb.store.db import NotKept, Store
from kb.store.tables import search_log

_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\+?\d[\d\s().-]{5,}\d")  # phone, account and card numbers
# Built once: its SQL is compiled once and cached, where .values(...) per search cost a
# millisecond to build and compile.
_ADD = search_log.insert().returning(search_log.c.id)


def redact(query: str) -> str:
    """Replace e-mail addresses and long numbers, which in a query are a customer's, with '#'.

    NUL characters are dropped: PostgreSQL text cannot hold them.

    >>> redact("refund for +7 916 123-45-67 jane@example.com")
    'refund for # #'
    """
    return _LONG_NUMBER.sub("#", _EMAIL.sub("#", query.replace("\x00", ""))).strip()[:500]


def record_search(
    store: Store,
    *,
    lang: str,
    query: str,
    corrected: str | None,
    correction: str | None,
    results: int,
    source: str,
    found_by: str | None = None,
) -> int | None:
    """Add one search to the log; return its id so that an opened result can be added later,
    or None when the database could not take it (the search is answered all the same)."""
    row = {
        "at": datetime.now(UTC).replace(tzinfo=None),
        "lang": lang,
        "query": redact(query),
        "corrected": redact(corrected) if corrected else None,
        "correction": correction,
        "results": results,
        "source": source,
        "found_by": found_by,
    }
    try:
        with store.recording("searches") as conn:
            search_id: int = conn.execute(_ADD, row).scalar_one()
            return search_id
    except NotKept:
        return None


def record_opened(store: Store, search_id: int, slug: str) -> None:
    """Remember the first result opened from a search (unless the database cannot take it)."""
    try:
        with store.recording("searches") as conn:
            conn.execute(
                update(search_log)
                .where(search_log.c.id == search_id, search_log.c.opened_slug.is_(None))
                .values(opened_slug=slug[:500])
            )
    except NotKept:
        pass
