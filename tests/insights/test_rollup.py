"""Retention: rolling raw records into daily counts keeps every report's totals."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from kb.insights import (
    Period,
    article_report,
    daily_activity,
    rollup,
    rollup_if_due,
    search_report,
    walkthrough_report,
)
from kb.store.tables import article_views, feedback, search_log, usage_events
from tests.insights.conftest import TODAY, add_run, at


def reports(store):
    """Every report for every period and language, comments aside (they are not kept)."""
    found = {}
    with store.engine.connect() as conn:
        for days in (7, 30, 90):
            for lang in (None, "en", "ru"):
                period = Period(days, TODAY)
                found[days, lang] = (
                    search_report(conn, period, lang),
                    replace(article_report(conn, period, lang), comments=[]),
                    walkthrough_report(conn, period, lang),
                    daily_activity(conn, period, lang),
                )
    return found


def raw_rows(store):
    with store.engine.connect() as conn:
        tables = (search_log, article_views, feedback, usage_events)
        return [conn.execute(select(func.count()).select_from(t)).scalar() for t in tables]


@pytest.mark.parametrize("retention", [0, 1, 3, 6, 30])
def test_totals_are_equal_before_and_after(known, retention):
    before = reports(known)
    rollup(known, retention, TODAY)
    assert reports(known) == before
    rollup(known, 0, TODAY)  # and again, rolling more of it
    assert reports(known) == before


def test_what_is_rolled_up_and_removed(known):
    result = rollup(known, 3, TODAY)
    assert result.cutoff == datetime(2026, 11, 19)
    # Searches of 4, 5 and 10 days ago; views of 6 and 20 days ago; the vote of 15 days ago;
    # the runs s4 (start, ask) and s5 (start, three steps, outcome).
    assert (result.searches, result.views, result.votes, result.walkthrough_events) == (3, 6, 1, 7)
    assert raw_rows(known) == [6, 5, 5, 14]


def test_a_run_going_on_at_the_cutoff_stays_whole(store):
    cutoff = datetime.combine(TODAY - timedelta(days=3), datetime.min.time())
    add_run(
        store,
        "r",
        cutoff - timedelta(minutes=1),
        "en",
        "a",
        "b",
        ["one", "two"],
        "done",
        "resolved",
    )
    before = reports(store)
    assert rollup(store, 3, TODAY).walkthrough_events == 0
    assert raw_rows(store)[3] == 4
    assert reports(store) == before


def test_comments_go_with_the_raw_votes(known):
    rollup(known, 1, TODAY)
    with known.engine.connect() as conn:
        comments = article_report(conn, Period(7, TODAY), None).comments
    assert [c.text for c in comments] == ["Old phone menu"]


def test_runs_once_a_day_whoever_asks(known):
    assert rollup_if_due(known, 180, TODAY) is True
    assert rollup_if_due(known, 180, TODAY) is False
    assert rollup_if_due(known, 180, TODAY + timedelta(days=1)) is True


def test_nothing_to_do(store):
    result = rollup(store, 180, TODAY)
    assert (result.searches, result.views, result.votes, result.walkthrough_events) == (0, 0, 0, 0)
    assert at(0) > result.cutoff


def test_roll_ups_running_at_once_count_every_record_once(known):
    """`flask kb-rollup` may run while a worker rolls up: the second waits for the first."""
    before = reports(known)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: rollup(known, 0, TODAY), range(3)))
    assert sum(r.searches for r in results) == 8  # all but today's
    assert reports(known) == before
