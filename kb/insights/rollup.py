"""Retention: raw records older than the retention period become daily counts, then go."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Table, delete, func, insert, select, union_all

from kb.insights import summaries
from kb.store.db import Store
from kb.store.maintenance import claim_daily
from kb.store.tables import (
    article_views,
    daily_feedback,
    daily_searches,
    daily_views,
    daily_walkthroughs,
    feedback,
    search_log,
    usage_events,
    vote_addresses,
)

log = logging.getLogger(__name__)
TASK = "rollup"


@dataclass(frozen=True)
class RollupResult:
    """How many raw rows of each kind were rolled into daily counts and removed."""

    cutoff: datetime
    searches: int
    views: int
    votes: int
    walkthrough_events: int


def cutoff_for(retention_days: int, today: date) -> datetime:
    """Records from before this moment (naive UTC) are rolled up: whole days are kept."""
    return datetime.combine(today - timedelta(days=retention_days), time())


def columns(table: Table) -> list[str]:
    """The columns of a daily table that a roll-up fills: all but the id."""
    return [c.name for c in table.c if c.name != "id"]


def rollup(store: Store, retention_days: int, today: date | None = None) -> RollupResult:
    """Roll every raw record older than `retention_days` into the daily tables, in one go."""
    today = today or datetime.now(UTC).date()
    cutoff = cutoff_for(retention_days, today)
    s, v, f, e = search_log.c, article_views.c, feedback.c, usage_events.c
    # Whole runs only: a run still going on at the cutoff waits for the next roll-up.
    ended = select(e.session).group_by(e.session).having(func.max(e.at) < cutoff)
    with store.engine.begin() as conn:
        # A roll-up running at once (`flask kb-rollup` beside a worker's) goes first: this one
        # then reads what that one left, instead of counting the same records again.
        store.lock(conn, "kb: roll up")
        conn.execute(
            insert(daily_searches).from_select(
                columns(daily_searches), summaries.searches([s.at < cutoff])
            )
        )
        searches = conn.execute(delete(search_log).where(s.at < cutoff)).rowcount
        conn.execute(
            insert(daily_views).from_select(columns(daily_views), summaries.views([v.at < cutoff]))
        )
        views = conn.execute(delete(article_views).where(v.at < cutoff)).rowcount
        conn.execute(
            insert(daily_feedback).from_select(
                columns(daily_feedback), summaries.votes([f.day < cutoff.date()])
            )
        )
        votes = conn.execute(delete(feedback).where(f.day < cutoff.date())).rowcount
        conn.execute(
            insert(daily_walkthroughs).from_select(
                columns(daily_walkthroughs), union_all(*summaries.walkthroughs(last_before=cutoff))
            )
        )
        events = conn.execute(delete(usage_events).where(e.session.in_(ended))).rowcount
        # Per-address vote counts limit only their own day.
        conn.execute(delete(vote_addresses).where(vote_addresses.c.day < today))
    return RollupResult(cutoff, searches, views, votes, events)


def rollup_if_due(store: Store, retention_days: int, today: date | None = None) -> bool:
    """Run the roll-up if no process has run it today; True if this call ran it."""
    today = today or datetime.now(UTC).date()
    if not claim_daily(store, TASK, today):
        return False
    result = rollup(store, retention_days, today)
    log.info("rolled up records older than %s: %s", result.cutoff, result)
    return True
