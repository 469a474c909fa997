"""Votes on "Was this helpful?": one counted per browser, article (or walkthrough) and UTC day."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from kb.store.db import Store
from kb.store.search_log import redact
from kb.store.tables import feedback, one_vote_a_day

# Why an article did not help; the web layer labels them, the reports count them.
REASONS = ("outdated", "unclear", "wrong", "missing-case", "other")
COMMENT_MAX = 500


def voter_hash(secret: str, browser_id: str) -> str:
    """A browser's random id as stored: keyed, so the table cannot be matched to cookies."""
    return hmac.new(secret.encode(), browser_id.encode(), hashlib.sha256).hexdigest()


def clean_comment(comment: str | None) -> str | None:
    """A comment as stored: customer data redacted, trimmed to the limit; None when empty."""
    text = redact((comment or "")[: COMMENT_MAX * 2])[:COMMENT_MAX].strip()
    return text or None


def record_vote(
    store: Store,
    *,
    lang: str,
    slug: str,
    block: str,
    voter: str,
    helpful: bool,
    reason: str | None = None,
    comment: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Store a vote; return False when this voter already voted on this today (not counted).
    Raises kb.store.NotKept when the database cannot take it."""
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    at = now or datetime.now(UTC).replace(tzinfo=None)
    row = {
        "at": at,
        "day": at.date(),
        "lang": lang,
        "slug": slug[:500],
        "block": block[:100],
        "voter": voter,
        "helpful": helpful,
        "reason": None if helpful else reason,
        "comment": None if helpful else clean_comment(comment),
    }
    # A repeated vote is no error: it meets the unique key and is left out.
    insert = store.insert(feedback).values(**row)
    insert = insert.on_conflict_do_nothing(index_elements=list(one_vote_a_day.columns))
    with store.recording("votes") as conn:
        return conn.execute(insert.returning(feedback.c.id)).first() is not None
