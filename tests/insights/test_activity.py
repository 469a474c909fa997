"""Daily series over known records, oldest day first."""

from kb.insights import Period, daily_activity
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
