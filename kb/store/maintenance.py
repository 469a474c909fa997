"""Once-a-day housekeeping: the worker that claims a task for the day is the one that runs it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from kb.store.db import Store
from kb.store.tables import maintenance


def claim_daily(store: Store, task: str, today: date) -> bool:
    """Mark `task` as run on `today`; True only for the one caller that changed the mark."""
    # One statement: the first claim inserts the row, a later day's moves it on, and of workers
    # claiming at once the database lets exactly one change it (the others wait, then see it).
    claim = store.insert(maintenance).values(task=task, last_run=today)
    claim = claim.on_conflict_do_update(
        index_elements=[maintenance.c.task],
        set_={"last_run": claim.excluded.last_run},
        where=maintenance.c.last_run < claim.excluded.last_run,
    )
    with store.engine.begin() as conn:
        return conn.execute(claim.returning(maintenance.c.task)).first() is not None


def last_run(store: Store, task: str) -> date | None:
    """The day `task` last ran, if ever."""
    with store.engine.connect() as conn:
        return conn.execute(
            select(maintenance.c.last_run).where(maintenance.c.task == task)
        ).scalar_one_or_none()
