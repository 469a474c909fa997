"""A database of known records for the report tests, and helpers to add more."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from kb.store import Store
from kb.store.tables import article_views, feedback, search_log, usage_events
from tests.postgres import database_url

TODAY = date(2026, 11, 22)


def at(days_ago: int, hour: int = 10, minute: int = 0) -> datetime:
    """A naive UTC moment `days_ago` days before TODAY."""
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour, minute))


@pytest.fixture
def store(tmp_path):
    """An empty database with every table."""
    store = Store(database_url(tmp_path))
    store.migrate()
    yield store
    store.dispose()


def add_search(
    store, when, lang, query, results, opened=None, corrected=None, correction=None, found_by=None
):
    row = dict(at=when, lang=lang, query=query, results=results, opened_slug=opened)
    row.update(corrected=corrected, correction=correction, source="page", found_by=found_by)
    with store.engine.begin() as conn:
        conn.execute(search_log.insert().values(**row))


def add_view(store, when, lang, slug, times=1):
    with store.engine.begin() as conn:
        conn.execute(article_views.insert(), [dict(at=when, lang=lang, slug=slug)] * times)


def add_vote(store, when, lang, slug, helpful, voter, reason=None, comment=None, block=""):
    row = dict(at=when, day=when.date(), lang=lang, slug=slug, block=block, voter=voter)
    row.update(helpful=helpful, reason=reason, comment=comment)
    with store.engine.begin() as conn:
        conn.execute(feedback.insert().values(**row))


def add_run(store, session, when, lang, slug, block, steps, outcome=None, kind=None):
    """A walkthrough run: a start, one event per step a minute apart, and maybe an outcome."""
    rows = [dict(event="start", step=None, outcome=None, outcome_kind=None)]
    rows += [dict(event="step", step=s, outcome=None, outcome_kind=None) for s in steps]
    if outcome:
        rows.append(dict(event="outcome", step=None, outcome=outcome, outcome_kind=kind))
    with store.engine.begin() as conn:
        for i, row in enumerate(rows):
            row.update(at=when + timedelta(minutes=i), session=session, lang=lang, slug=slug)
            conn.execute(usage_events.insert().values(block=block, **row))


@pytest.fixture
def known(store):
    """The records every report test counts: see each test for what it expects of them."""
    # Searches: this week (days 0-6), and one of 10 days ago (in the 30-day period only).
    add_search(store, at(0), "en", "retention", 5, opened="transfer-to-retention")
    add_search(store, at(1), "en", "retention", 5, opened="transfer-to-retention")
    add_search(store, at(2), "en", "retention", 5)
    add_search(store, at(2), "en", "Retention ", 5, opened="retention-did-porting")
    add_search(store, at(3), "ru", "перевод", 0)
    add_search(store, at(3), "ru", "перевод", 0)
    add_search(store, at(4), "ru", "rfhnf", 3, corrected="карта", correction="layout")
    add_search(
        store, at(5), "en", "transfr", 2, opened="x", corrected="transfer", correction="spelling"
    )
    add_search(store, at(10), "en", "old", 0)
    # Views: 3 + 1 this week in English, 2 in Russian, 5 more 20 days ago.
    add_view(store, at(0), "en", "transfer-to-retention", 3)
    add_view(store, at(6), "en", "call-next-process")
    add_view(store, at(1), "ru", "transfer-to-retention", 2)
    add_view(store, at(20), "en", "transfer-to-retention", 5)
    # Votes on articles and on one walkthrough block.
    add_vote(store, at(0), "en", "transfer-to-retention", True, "a")
    add_vote(store, at(0), "en", "transfer-to-retention", False, "b", "outdated", "Old phone menu")
    add_vote(store, at(1), "en", "transfer-to-retention", False, "a", "unclear")
    add_vote(store, at(2), "ru", "transfer-to-retention", False, "c", "wrong", "Не тот отдел")
    add_vote(store, at(2), "en", "call-next-process", False, "a", "outdated", block="triage")
    add_vote(store, at(15), "en", "call-next-process", True, "a")
    # Walkthrough runs of en/call-next-process#triage: 4 this week, 1 twenty days ago.
    where = ("en", "call-next-process", "triage")
    add_run(store, "s1", at(1), *where, ["ask", "check", "decide"], "transferred", "transferred")
    add_run(store, "s2", at(2), *where, ["ask", "check", "decide"], "resolved", "resolved")
    add_run(store, "s3", at(3), *where, ["ask", "check"])
    add_run(store, "s4", at(4), *where, ["ask"])
    add_run(store, "s5", at(20), *where, ["ask", "check", "decide"], "resolved", "resolved")
    add_run(store, "s6", at(2), "ru", "call-next-process", "triage", [])
    return store
