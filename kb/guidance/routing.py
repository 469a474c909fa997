"""The routing kind: one output during working hours and another outside them, by the clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kb.guidance.model import WEEKDAYS, Holiday, Outcome, Routing
from kb.guidance.outcomes import read_outcome
from kb.guidance.source import Map, Reader

KEYS = ("id", "title", "text", "timezone", "hours", "holidays", "in-hours", "out-of-hours")
REQUIRED = ("id", "title", "timezone", "hours", "in-hours", "out-of-hours")
CLOSED = "closed"
LOOK_AHEAD_DAYS = 400
_SPAN = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
_DAYS = re.compile(r"([a-z]{3})(?:\s*-\s*([a-z]{3}))?")
_HOLIDAY = re.compile(r"(\d{4}-)?(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Route:
    """Where a routing block sends the customer at one moment."""

    open: bool
    reason: str  # a key of ROUTING_REASONS
    local: datetime  # the moment, in the block's time zone
    outcome: Outcome
    opens: datetime | None  # when closed: the next opening within a year, in the block's zone


def read_routing(m: Map, r: Reader) -> Routing:
    """A routing block; problems go to `r`."""
    zone = m.text("timezone")
    if zone and _zone_or_none(zone) is None:
        r.error(
            m.key_line("timezone"),
            f"routing: unknown time zone {zone!r} (use an IANA name such as Europe/Moscow)",
        )
    outputs = {}
    for key in ("in-hours", "out-of-hours"):
        outputs[key] = read_outcome(
            r, m.get(key), f"routing: {key!r}", with_id=False, kind_required=False
        ) or Outcome("", "")
    return Routing(
        id=m.ident("id"),
        title=m.text("title"),
        timezone=zone,
        hours=MappingProxyType(_read_hours(r, m)),
        holidays=tuple(_read_holidays(r, m)),
        in_hours=outputs["in-hours"],
        out_of_hours=outputs["out-of-hours"],
        text=m.text("text"),
        line=m.line,
    )


def _zone_or_none(name: str) -> ZoneInfo | None:
    """The time zone called `name` (IANA), or None when there is none by that name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _read_hours(r: Reader, parent: Map) -> dict[int, tuple[tuple[int, int], ...]]:
    """`mon-fri: 09:00-19:00`, `sat: 10:00-14:00, 15:00-18:00`, `sun: closed`; others closed."""
    given = parent.get("hours")
    if given is None:
        return {}
    if not isinstance(given.value, dict):
        r.error(given.key_line, "routing: hours must be a mapping such as 'mon-fri: 09:00-19:00'")
        return {}
    hours: dict[int, tuple[tuple[int, int], ...]] = {}
    for key, node in given.value.items():
        days = _days(key.strip().lower())
        if days is None:
            r.error(
                node.key_line,
                f"routing: hours: {key!r} is not a day or a range of days "
                f"such as mon-fri (days: {', '.join(WEEKDAYS)})",
            )
            continue
        spans = _spans(r, r.text(node, f"routing: hours: {key!r}"), node.key_line, key)
        for day in days:
            if day in hours:
                r.error(node.key_line, f"routing: hours: {WEEKDAYS[day]} is given twice")
            hours[day] = spans
    return {day: spans for day, spans in hours.items() if spans}


def _days(key: str) -> list[int] | None:
    m = _DAYS.fullmatch(key)
    if not m or m[1] not in WEEKDAYS or (m[2] and m[2] not in WEEKDAYS):
        return None
    first, last = WEEKDAYS.index(m[1]), WEEKDAYS.index(m[2] or m[1])
    return list(range(first, last + 1)) if first <= last else None


def _spans(r: Reader, text: str, line: int, key: str) -> tuple[tuple[int, int], ...]:
    if text.lower() == CLOSED:
        return ()
    spans = []
    for part in text.split(","):
        m = _SPAN.fullmatch(part.strip())
        start = end = None
        if m:
            start, end = _minutes(m[1], m[2]), _minutes(m[3], m[4])
        if start is None or end is None or start >= 24 * 60:
            r.error(
                line,
                f"routing: hours: {key!r}: {part.strip()!r} is not a time span such "
                "as 09:00-19:00 (or 'closed')",
            )
            continue
        if end <= start:
            r.error(
                line,
                f"routing: hours: {key!r}: {part.strip()!r} ends before it starts; "
                "split hours past midnight over two days",
            )
            continue
        spans.append((start, end))
    spans.sort()
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            r.error(line, f"routing: hours: {key!r}: the time spans overlap")
    if not spans and text.lower() != CLOSED:
        r.error(line, f"routing: hours: {key!r}: give time spans such as 09:00-19:00, or 'closed'")
    return tuple(spans)


def _minutes(hour: str, minute: str) -> int | None:
    h, m = int(hour), int(minute)
    if m > 59 or h > 24 or (h == 24 and m):
        return None
    return h * 60 + m


def _read_holidays(r: Reader, m: Map) -> list[Holiday]:
    """Items `2025-05-09` (that day), `01-07` (every year), or ranges `01-01..01-08`."""
    holidays = []
    for node in m.items("holidays"):
        text = r.text(node, "routing: holidays item")
        first, _, last = text.partition("..")
        starts, ends = _holiday_day(first.strip()), _holiday_day((last or first).strip())
        if starts is None or ends is None or starts[1] != ends[1]:
            r.error(
                node.key_line,
                f"routing: holidays: {text!r} is not a date such as "
                "2025-05-09, a yearly date such as 01-07, or a range such as 01-01..01-08",
            )
            continue
        (start, yearly), (end, _) = starts, ends
        if not yearly and end < start:
            r.error(node.key_line, f"routing: holidays: {text!r} ends before it starts")
            continue
        holidays.append(Holiday(start, end, yearly))
    return holidays


def _holiday_day(text: str) -> tuple[date, bool] | None:
    """(the date, whether it repeats every year); a yearly date gets the leap year 2000."""
    m = _HOLIDAY.fullmatch(text)
    if not m:
        return None
    try:
        return date(int(m[1][:4]) if m[1] else 2000, int(m[2]), int(m[3])), not m[1]
    except ValueError:
        return None


def route(spec: Routing, at: datetime | None = None) -> Route:
    """Where `spec` sends the customer at `at` (now by default).

    A naive `at` is read as a time in the block's own zone; an aware one may be in any zone.
    """
    zone = ZoneInfo(spec.timezone)
    at = at or datetime.now(UTC)
    local = at.replace(tzinfo=zone) if at.tzinfo is None else in_zone(at, zone)
    minute = local.hour * 60 + local.minute
    if any(h.covers(local.date()) for h in spec.holidays):
        reason = "holiday"
    elif not spec.hours.get(local.weekday()):
        reason = "day-off"
    elif any(start <= minute < end for start, end in spec.hours[local.weekday()]):
        return Route(True, "working-hours", local, spec.in_hours, None)
    else:
        reason = "outside-hours"
    return Route(False, reason, local, spec.out_of_hours, _next_opening(spec, local, zone))


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` (aware) on the clock of `zone`; at the ends of the calendar, where the same
    instant would fall before 0001-01-01 or after 9999-12-31 there, the first or last minute."""
    try:
        return moment.astimezone(zone)
    except OverflowError:
        end = datetime.max if moment.year > 1 else datetime.min
        return end.replace(second=0, microsecond=0, tzinfo=zone)


def _next_opening(spec: Routing, local: datetime, zone: ZoneInfo) -> datetime | None:
    minute = local.hour * 60 + local.minute
    # Within a year, and never past the calendar's last day (9999-12-31 has no next one).
    days = min(LOOK_AHEAD_DAYS, (date.max - local.date()).days + 1)
    for ahead in range(days):
        day = local.date() + timedelta(days=ahead)
        if any(h.covers(day) for h in spec.holidays):
            continue
        for start, _ in spec.hours.get(day.weekday(), ()):
            if ahead or start > minute:
                return datetime.combine(day, time(start // 60, start % 60), zone)
    return None
