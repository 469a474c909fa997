"""Routing by the clock: working hours, weekends, holidays and time zones."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kb.guidance.model import Routing
from kb.guidance.routing import route

from .conftest import errors, load, make_block, marked_line, spec_of

MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.fixture(scope="module")
def telesales() -> Routing:
    specs, _ = load("ru", "potential-clients")
    return specs[0]


def test_reads_hours_and_holidays(telesales):
    assert telesales.timezone == "Europe/Moscow"
    assert dict(telesales.hours) == {day: ((540, 1140),) for day in range(5)}
    assert len(telesales.holidays) == 8
    assert telesales.out_of_hours.checklist == "case-form"


@pytest.mark.parametrize(
    ("moment", "is_open", "reason"),
    [
        (datetime(2025, 3, 12, 8, 59, tzinfo=MOSCOW), False, "outside-hours"),  # Wednesday
        (datetime(2025, 3, 12, 9, 0, tzinfo=MOSCOW), True, "working-hours"),
        (datetime(2025, 3, 12, 18, 59, 59, tzinfo=MOSCOW), True, "working-hours"),
        (datetime(2025, 3, 12, 19, 0, tzinfo=MOSCOW), False, "outside-hours"),
        (datetime(2025, 3, 15, 12, 0, tzinfo=MOSCOW), False, "day-off"),  # Saturday: closed
        (datetime(2025, 3, 16, 12, 0, tzinfo=MOSCOW), False, "day-off"),  # Sunday: not listed
        (datetime(2025, 1, 3, 12, 0, tzinfo=MOSCOW), False, "holiday"),  # in 01-01..01-08
        (datetime(2025, 1, 9, 12, 0, tzinfo=MOSCOW), True, "working-hours"),
        (datetime(2025, 5, 9, 12, 0, tzinfo=MOSCOW), False, "holiday"),  # every year
        (datetime(2026, 12, 31, 12, 0, tzinfo=MOSCOW), False, "holiday"),  # that year only
        (datetime(2025, 12, 31, 12, 0, tzinfo=MOSCOW), True, "working-hours"),
    ],
)
def test_in_and_out_of_hours(telesales, moment, is_open, reason):
    result = route(telesales, moment)
    assert (result.open, result.reason) == (is_open, reason)
    expected = telesales.in_hours if is_open else telesales.out_of_hours
    assert result.outcome == expected


def test_the_same_instant_seen_from_utc(telesales):
    # 15:59 UTC is 18:59 in Moscow (UTC+3): still open; 16:00 UTC is 19:00: closed.
    assert route(telesales, datetime(2025, 3, 12, 15, 59, tzinfo=UTC)).open
    closed = route(telesales, datetime(2025, 3, 12, 16, 0, tzinfo=UTC))
    assert not closed.open
    assert closed.local == datetime(2025, 3, 12, 19, 0, tzinfo=MOSCOW)
    # 23:30 UTC on Friday is already Saturday in Moscow.
    assert route(telesales, datetime(2025, 3, 14, 23, 30, tzinfo=UTC)).reason == "day-off"


def test_a_naive_time_is_read_in_the_blocks_zone(telesales):
    assert route(telesales, datetime(2025, 3, 12, 18, 59)).open
    assert not route(telesales, datetime(2025, 3, 12, 19, 0)).open


def test_now_is_the_default(telesales):
    result = route(telesales)
    assert result.local.tzinfo == MOSCOW
    assert abs((result.local - datetime.now(UTC)).total_seconds()) < 60


@pytest.mark.parametrize(
    ("moment", "opens"),
    [
        (datetime(2025, 3, 12, 19, 0, tzinfo=MOSCOW), datetime(2025, 3, 13, 9, 0, tzinfo=MOSCOW)),
        (datetime(2025, 3, 12, 7, 0, tzinfo=MOSCOW), datetime(2025, 3, 12, 9, 0, tzinfo=MOSCOW)),
        (datetime(2025, 3, 14, 20, 0, tzinfo=MOSCOW), datetime(2025, 3, 17, 9, 0, tzinfo=MOSCOW)),
        (datetime(2024, 12, 31, 20, 0, tzinfo=MOSCOW), datetime(2025, 1, 9, 9, 0, tzinfo=MOSCOW)),
    ],
)
def test_when_closed_it_says_when_it_opens(telesales, moment, opens):
    assert route(telesales, moment).opens == opens


def test_daylight_saving_zones_follow_the_local_clock():
    spec = spec_of(
        make_block(
            "routing",
            """
            id: ny
            title: New York desk
            timezone: America/New_York
            hours:
              mon-fri: 09:00-17:00
              sat: 10:00-13:00, 14:00-16:00
            holidays: [12-24..01-02]
            in-hours: {title: Transfer}
            out-of-hours: {title: Email}
            """,
        )
    )
    # 13:30 UTC is 09:30 in July (EDT, UTC-4) but 08:30 in January (EST, UTC-5).
    assert route(spec, datetime(2025, 7, 8, 13, 30, tzinfo=UTC)).open
    assert not route(spec, datetime(2025, 2, 4, 13, 30, tzinfo=UTC)).open
    saturday = datetime(2025, 3, 15, 13, 30, tzinfo=ZoneInfo("America/New_York"))
    assert not route(spec, saturday).open  # the lunch break
    assert route(spec, saturday.replace(hour=14)).open
    assert route(spec, datetime(2025, 12, 31, 12, 0)).reason == "holiday"  # across new year
    assert route(spec, datetime(2026, 1, 5, 12, 0)).open


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("timezone: Moscow  # <-", "unknown time zone 'Moscow' \\(use an IANA name"),
        ("timezone: ../../etc/passwd  # <-", "unknown time zone"),
        ("hours:\n  mon-fri: 9-19  # <-", "'9-19' is not a time span such as 09:00-19:00"),
        ("hours:\n  mon-fri: 19:00-09:00  # <-", "ends before it starts"),
        ("hours:\n  mon-fri: 09:00-25:00  # <-", "is not a time span"),
        ("hours:\n  mon-fri: 09:60-10:00  # <-", "is not a time span"),
        ("hours:\n  weekdays: 09:00-19:00  # <-", "'weekdays' is not a day or a range of days"),
        ("hours:\n  fri-mon: 09:00-19:00  # <-", "'fri-mon' is not a day or a range of days"),
        ("hours:\n  mon-fri: 09:00-19:00\n  fri: 10:00-12:00  # <-", "fri is given twice"),
        ("hours:\n  mon: 09:00-13:00, 12:00-18:00  # <-", "the time spans overlap"),
        ("hours:\n  mon: ''  # <-", "give time spans such as 09:00-19:00, or 'closed'"),
        ("holidays:\n  - 2025-02-30  # <-", "'2025-02-30' is not a date such as 2025-05-09"),
        ("holidays:\n  - 2025-01-08..2025-01-01  # <-", "ends before it starts"),
        ("holidays:\n  - 2025-01-01..01-08  # <-", "is not a date"),
        ("holidays:\n  - 31.12  # <-", "is not a date"),
    ],
)
def test_each_mistake_is_reported_at_its_line(source, message):
    defaults = {
        "timezone": "timezone: Europe/Moscow",
        "hours": "hours:\n  mon-fri: 09:00-19:00",
    }
    key = source.split(":", 1)[0]
    parts = [
        "id: r",
        "title: R",
        *(v for k, v in defaults.items() if k != key),
        source,
        "in-hours: {title: In}",
        "out-of-hours: {title: Out}",
    ]
    block = make_block("routing", "\n".join(parts))
    found = errors(block)
    assert any(at == marked_line(block) and re.search(message, text) for at, text in found), found


def test_outputs_are_required():
    block = make_block("routing", "id: r  # <-\ntitle: R\ntimezone: UTC\nhours: {mon: closed}\n")
    found = errors(block)
    assert (marked_line(block), "routing 'r': missing required key 'in-hours'") in found
    assert (marked_line(block), "routing 'r': missing required key 'out-of-hours'") in found
