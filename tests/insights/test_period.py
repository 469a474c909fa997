from datetime import date, datetime

from kb.insights import Period


def test_a_week_ends_today_and_includes_it():
    week = Period(7, date(2026, 3, 1))
    assert week.start == date(2026, 2, 23)
    assert (week.since, week.until) == (datetime(2026, 2, 23), datetime(2026, 3, 2))
    assert len(week.dates()) == 7 and week.dates()[-1] == date(2026, 3, 1)


def test_last_uses_the_utc_date_by_default():
    assert Period.last(30).days == 30
    assert Period.last(7, date(2026, 1, 1)).end == date(2026, 1, 1)
