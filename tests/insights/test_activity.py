"""Daily series over known records, oldest day first."""

from kb.insights import (
    Period,
    article_report,
    daily_activity,
    search_report,
    walkthrough_report,
)
from tests.insights.conftest import TODAY


def test_daily_series_for_a_week(known):
    with known.engine.connect() as conn:
        daily = daily_activity(conn, Period(7, TODAY), None)
    assert daily.days[0] == Period(7, TODAY).start and daily.days[-1] == TODAY
    assert daily.searches == [0, 1, 1, 2, 2, 1, 1]
    assert daily.no_results == [0, 0, 0, 2, 0, 0, 0]
    assert daily.views == [1, 0, 0, 0, 0, 2, 3]
    assert daily.helpful == [0, 0, 0, 0, 0, 0, 1]
    assert daily.not_helpful == [0, 0, 0, 0, 2, 1, 1]
    assert daily.starts == [0, 0, 1, 1, 2, 1, 0]
    assert daily.completions == [0, 0, 0, 0, 1, 1, 0]
    assert daily.total("searches") == 8


def test_one_language(known):
    with known.engine.connect() as conn:
        daily = daily_activity(conn, Period(7, TODAY), "ru")
    assert (daily.total("searches"), daily.total("views"), daily.total("starts")) == (3, 2, 1)


def test_every_count_is_a_plain_integer(known):
    """PostgreSQL's SUM of bigint counts is a Decimal; reports, CSV and charts want integers."""
    period = Period(30, TODAY)
    with known.engine.connect() as conn:
        daily = daily_activity(conn, period, None)
        counts = [n for series in (daily.searches, daily.views, daily.starts) for n in series]
        counts += [q.searches for q in search_report(conn, period, None).top]
        counts += [a.views for a in article_report(conn, period, None).articles]
        counts += [w.starts for w in walkthrough_report(conn, period, None)]
    assert {type(n) for n in counts} == {int}
