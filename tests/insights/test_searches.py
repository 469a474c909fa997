"""The search report over known records: exact counts."""

from kb.insights import Correction, Period, QueryCount, search_report
from tests.insights.conftest import TODAY


def report(store, days, lang):
    with store.engine.connect() as conn:
        return search_report(conn, Period(days, TODAY), lang)


def test_week_in_both_languages(known):
    found = report(known, 7, None)
    assert (found.total, found.no_results_total, found.not_opened_total) == (8, 2, 2)
    assert found.top == [
        QueryCount("en", "retention", 4),  # "Retention " is the same query, shown as most typed
        QueryCount("ru", "перевод", 2),
        QueryCount("en", "transfr", 1),
        QueryCount("ru", "rfhnf", 1),
    ]
    assert found.no_results == [QueryCount("ru", "перевод", 2)]
    assert found.not_opened == [QueryCount("en", "retention", 1), QueryCount("ru", "rfhnf", 1)]
    assert found.corrections == [
        Correction("en", "transfr", "transfer", "spelling", 1),
        Correction("ru", "rfhnf", "карта", "layout", 1),
    ]


def test_one_language_only(known):
    found = report(known, 7, "en")
    assert (found.total, found.no_results_total, found.not_opened_total) == (5, 0, 1)
    assert [q.query for q in found.top] == ["retention", "transfr"]
    assert report(known, 7, "ru").total == 3


def test_a_longer_period_takes_older_searches(known):
    found = report(known, 30, None)
    assert (found.total, found.no_results_total) == (9, 3)
    assert QueryCount("en", "old", 1) in found.no_results


def test_an_empty_period(store):
    found = report(store, 90, None)
    assert (found.total, found.top, found.corrections) == (0, [], [])


def test_lists_are_cut_at_the_limit(known):
    with known.engine.connect() as conn:
        found = search_report(conn, Period(7, TODAY), None, limit=2)
    assert [q.searches for q in found.top] == [4, 2]


def test_searches_found_only_by_expansion_or_weakly_are_counted_apart(store):
    from datetime import datetime, timedelta

    from kb.insights import rollup
    from tests.insights.conftest import add_search

    now = datetime.combine(TODAY, datetime.min.time())
    add_search(store, now, "en", "refund", 3, found_by="exact")
    add_search(store, now, "en", "money back", 2, found_by="expanded")
    add_search(store, now, "en", "money back", 2, found_by="expanded")
    add_search(store, now, "ru", "мотоцикл гарантия", 4, found_by="weak")
    add_search(store, now, "ru", "ничего", 0)
    add_search(store, now - timedelta(days=3), "en", "zebra fund", 1, found_by="weak")
    found = report(store, 7, None)
    assert (found.total, found.expanded_total, found.weak_total) == (6, 2, 2)
    assert found.expanded == [QueryCount("en", "money back", 2)]
    assert found.weak == [
        QueryCount("en", "zebra fund", 1),
        QueryCount("ru", "мотоцикл гарантия", 1),
    ]
    # The same counts once the older records are rolled up into days.
    rollup(store, 1, today=TODAY)
    again = report(store, 7, None)
    assert (again.expanded, again.weak) == (found.expanded, found.weak)
