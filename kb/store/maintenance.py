"""Once-a-day housekeeping: the worker that claims a task for the day is the one that runs it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from kb.store.db import Store
from kb.store.tables import maintenance


def claim_daily(store: Store, task: str, today: date) -> bool:
    """Mark `task` as run on `today`; True only for the one caller that changed the mark."""
    with store.engine.begin() as conn:
        claimed = conn.execute(
            update(maintenance)
            .where(maintenance.c.task == task, maintenance.c.last_run < today)
            .values(last_run=today)
        ).rowcount
    if claimed:
        return True
    try:
        with store.engine.begin() as conn:
            conn.execute(maintenance.insert().values(task=task, last_run=today))
    except IntegrityError:  # the row exists: another worker claimed today, or it is not due
        return False
    return True


def last_run(store: Store, task: str) -> date | None:
    """The day `task` last ran, if ever."""
    with store.engine.connect() as conn:
        return conn.execute(
            select(maintenance.c.last_run).where(maintenance.c.task == task)
        ).scalar_one_or_none()
