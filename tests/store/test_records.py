"""Article views and the once-a-day claim."""

from datetime import date, datetime

from sqlalchemy import select

from kb.store.article_views import record_view
from kb.store.maintenance import claim_daily, last_run
from kb.store.tables import article_views


def test_a_view_is_one_row(store):
    record_view(store, "en", "a", datetime(2026, 1, 1, 8))
    record_view(store, "ru", "a")
    with store.engine.connect() as conn:
        assert [r.lang for r in conn.execute(select(article_views))] == ["en", "ru"]


def test_a_failed_count_does_not_raise_and_is_logged_once(store, caplog):
    store.engine.dispose()
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE article_views")
    for _ in range(3):
        record_view(store, "en", "a")
    assert caplog.text.count("degraded: article views: no such table") == 1
    assert "article views are dropped" in store.faults.current()["article views"]


def test_one_claim_per_day(store):
    day = date(2026, 11, 22)
    assert last_run(store, "rollup") is None
    assert claim_daily(store, "rollup", day) is True
    assert claim_daily(store, "rollup", day) is False
    assert claim_daily(store, "other", day) is True
    assert claim_daily(store, "rollup", date(2026, 11, 23)) is True
    assert last_run(store, "rollup") == date(2026, 11, 23)
