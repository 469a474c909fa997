"""The window a report covers: the last 7, 30 or 90 UTC days, today included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

PERIODS = (7, 30, 90)


@dataclass(frozen=True)
class Period:
    """`days` UTC days ending with `end` (included)."""

    days: int
    end: date

    @classmethod
    def last(cls, days: int, today: date | None = None) -> Period:
        return cls(days, today or datetime.now(UTC).date())

    @property
    def start(self) -> date:
        return self.end - timedelta(days=self.days - 1)

    @property
    def since(self) -> datetime:
        """The first moment of the period, as stored (naive UTC)."""
        return datetime.combine(self.start, time())

    @property
    def until(self) -> datetime:
        """The first moment after the period, as stored (naive UTC)."""
        return datetime.combine(self.end + timedelta(days=1), time())

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]
