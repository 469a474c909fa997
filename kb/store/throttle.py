"""Slowing down password guessing: failed sign-ins in a row, per account and per address."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, delete, select, update

from kb.store.db import Store
from kb.store.tables import login_failures


@dataclass(frozen=True)
class Policy:
    """After `threshold` failures in a row, refuse for `base` seconds, doubling per failure."""

    threshold: int
    base: float = 30.0
    cap: float = 3600.0
    forget_after: timedelta = timedelta(hours=24)  # a quiet day starts the count afresh

    def delay(self, failures: int) -> timedelta | None:
        if failures < self.threshold:
            return None
        return timedelta(seconds=min(self.base * 2 ** (failures - self.threshold), self.cap))


# A whole contact centre may sign in from one address, so that count has more room.
ACCOUNT = Policy(threshold=5)
ADDRESS = Policy(threshold=20)


def throttle_key(secret: str, kind: str, value: str) -> str:
    """The stored key for an account name or a client address: a keyed hash, not the value."""
    digest = hmac.new(secret.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:64]}"


def blocked_for(store: Store, keys: list[str], now: datetime | None = None) -> timedelta | None:
    """How much longer sign-ins are refused for any of `keys`, or None if they are not."""
    now = now or _now()
    with store.engine.connect() as conn:
        until = conn.execute(
            select(login_failures.c.blocked_until).where(
                login_failures.c.key.in_(keys), login_failures.c.blocked_until > now
            )
        ).scalars()
        latest = max(until, default=None)
    return latest - now if latest else None


def record_failure(store: Store, key: str, policy: Policy, now: datetime | None = None) -> int:
    """Count a failed sign-in for `key`, start a refusal if due; return the failures in a row."""
    now = now or _now()
    table = login_failures
    recent = table.c.last_failure >= now - policy.forget_after
    # One atomic statement, so that workers failing at once do not lose counts: the first
    # failure adds the row, a later one counts on from it, or afresh after a quiet spell.
    first = store.insert(table).values(key=key, failures=1, last_failure=now)
    count = first.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": case((recent, table.c.failures + 1), else_=1),
            "last_failure": now,
            "blocked_until": case((recent, table.c.blocked_until), else_=None),
        },
    ).returning(table.c.failures)
    with store.engine.begin() as conn:
        failures: int = conn.execute(count).scalar_one()
        delay = policy.delay(failures)
        if delay is not None:
            conn.execute(update(table).where(table.c.key == key).values(blocked_until=now + delay))
    return failures


def clear(store: Store, key: str) -> None:
    """Forget the failures of `key` after a successful sign-in."""
    with store.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.key == key))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
