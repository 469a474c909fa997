"""Votes on "Was this helpful?": one counted per browser, article (or walkthrough) and UTC day,
and no more than a set number from one address."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import Connection

from kb.store.db import Store
from kb.store.search_log import redact
from kb.store.tables import feedback, one_vote_a_day, vote_addresses

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


class Vote(Enum):
    """What became of a vote."""

    COUNTED = "counted"
    REPEATED = "repeated"  # this voter already voted on this today
    LIMITED = "limited"  # this address already counted its share of votes on this today


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
    address: str | None = None,
    per_address: int = 0,
    now: datetime | None = None,
) -> Vote:
    """Store a vote, once per voter, article (or block) and UTC day, and, when `per_address` is
    set, at most that many a day from one `address`. Raises kb.store.NotKept when the database
    cannot take it."""
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    at = now or datetime.now(UTC).replace(tzinfo=None)
    target = {"day": at.date(), "lang": lang, "slug": slug[:500], "block": block[:100]}
    row = {
        "at": at,
        **target,
        "voter": voter,
        "helpful": helpful,
        "reason": None if helpful else reason,
        "comment": None if helpful else clean_comment(comment),
    }
    # A repeated vote is no error: it meets the unique key and is left out.
    insert = store.insert(feedback).values(**row)
    insert = insert.on_conflict_do_nothing(index_elements=list(one_vote_a_day.columns))
    try:
        with store.recording("votes") as conn:
            if conn.execute(insert.returning(feedback.c.id)).first() is None:
                return Vote.REPEATED
            if per_address and address is not None:
                if _count_address(store, conn, target, address) > per_address:
                    raise _OverLimit  # undoes the vote above with the transaction
    except _OverLimit:
        return Vote.LIMITED
    return Vote.COUNTED


class _OverLimit(Exception):
    """Rolls back a vote that went over its address's share."""


def _count_address(store: Store, conn: Connection, target: dict[str, object], address: str) -> int:
    """Add one to the votes counted from `address` on `target` today; return the new count."""
    t = vote_addresses
    first = store.insert(t).values(**target, address=address, votes=1)
    add_one = first.on_conflict_do_update(
        index_elements=[t.c.day, t.c.lang, t.c.slug, t.c.block, t.c.address],
        set_={"votes": t.c.votes + 1},
    ).returning(t.c.votes)
    return int(conn.execute(add_one).scalar_one())
