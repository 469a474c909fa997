"""The walkthrough usage record: runs started, steps reached, outcomes. Ids only, never answers.

A run is one walk through one walkthrough, named by a random id that the page carries from
step to step; nothing links it to a person.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from kb.store.db import NotKept, Store
from kb.store.tables import usage_events

EVENTS = ("start", "step", "outcome")
RUN_MAX_AGE = timedelta(hours=12)  # an older run id (a bookmark, say) starts a new run
_RUN_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Walkthrough:
    """Which walkthrough a run walks: the article, the block and the page's language."""

    slug: str
    block: str
    lang: str


def new_run_id() -> str:
    """A random run id: 22 URL-safe characters."""
    return secrets.token_urlsafe(16)


def is_run_id(value: str | None) -> bool:
    return value is not None and _RUN_ID.fullmatch(value) is not None


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def run_started(store: Store, run: str) -> datetime | None:
    """When the run's first event was recorded (UTC), or None for a run never recorded (or
    when the database cannot be read)."""
    try:
        with store.recording("walkthrough runs", "every walkthrough step starts a new run") as conn:
            return conn.execute(
                select(func.min(usage_events.c.at)).where(usage_events.c.session == run)
            ).scalar()
    except NotKept:
        return None


def is_current(store: Store, run: str, now: datetime | None = None) -> bool:
    """True if `run` was recorded and started less than RUN_MAX_AGE ago."""
    started = run_started(store, run)
    return started is not None and (now or _utcnow()) - started < RUN_MAX_AGE


def record(
    store: Store,
    run: str,
    where: Walkthrough,
    event: str,
    *,
    step: str | None = None,
    outcome: str | None = None,
    outcome_kind: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Add one event to the run, unless it repeats the run's last one (a reload); True if added.

    An outcome records the seconds since the run's first event. A failure drops the event and
    is never raised (the store logs it once): the usage record must not break a walkthrough.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown walkthrough event {event!r}")
    at = now or _utcnow()
    e = usage_events.c
    try:
        with store.recording("walkthrough events") as conn:
            last = conn.execute(
                select(e.event, e.step, e.outcome, e.slug, e.block)
                .where(e.session == run)
                .order_by(e.id.desc())
                .limit(1)
            ).first()
            if last is not None and tuple(last) == (event, step, outcome, where.slug, where.block):
                return False
            duration = None
            if event == "outcome":
                started = conn.execute(select(func.min(e.at)).where(e.session == run)).scalar()
                duration = max((at - started).total_seconds(), 0.0) if started else 0.0
            conn.execute(
                usage_events.insert().values(
                    at=at,
                    session=run,
                    slug=where.slug[:500],
                    block=where.block[:100],
                    lang=where.lang,
                    event=event,
                    step=step,
                    outcome=outcome,
                    outcome_kind=outcome_kind or None,
                    duration=duration,
                )
            )
        return True
    except NotKept:
        return False
