"""Article views and the once-a-day claim."""

import multiprocessing
from datetime import date, datetime

from sqlalchemy import select

from kb.store import Store
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
    assert caplog.text.count("degraded: article views: ") == 1
    assert "article_views" in store.faults.current()["article views"]  # the database's words
    assert "article views are dropped" in store.faults.current()["article views"]


def test_one_claim_per_day(store):
    day = date(2026, 11, 22)
    assert last_run(store, "rollup") is None
    assert claim_daily(store, "rollup", day) is True
    assert claim_daily(store, "rollup", day) is False
    assert claim_daily(store, "other", day) is True
    assert claim_daily(store, "rollup", date(2026, 11, 23)) is True
    assert last_run(store, "rollup") == date(2026, 11, 23)


def _claim(url, barrier, results):
    barrier.wait()
    results.put(claim_daily(Store(url), "rollup", date(2026, 11, 22)))


def test_of_workers_claiming_at_once_one_wins(store):
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    workers = [ctx.Process(target=_claim, args=(store.url, barrier, results)) for _ in range(4)]
    for worker in workers:
        worker.start()
    claims = sorted(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(60)
    assert claims == [False, False, False, True]
