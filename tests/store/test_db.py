import multiprocessing

import pytest
from sqlalchemy import select

from kb.store import Store


def _query_after_fork(store, results):
    results.put((store.engine.pool.checkedin(), _select_one(store)))


def _select_one(store):
    with store.engine.connect() as conn:
        return conn.execute(select(1)).scalar()


def test_a_forked_worker_opens_its_own_connections(store):
    """gunicorn --preload forks workers from a process that may have connected already."""
    assert _select_one(store) == 1 and store.engine.pool.checkedin() == 1
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    worker = ctx.Process(target=_query_after_fork, args=(store, results))
    worker.start()
    assert results.get(timeout=30) == (0, 1)  # the parent's connection was not reused
    worker.join(30)
    assert _select_one(store) == 1  # and the parent's still works


def test_only_sqlite_and_postgresql_are_supported():
    with pytest.raises(ValueError, match="SQLite or PostgreSQL"):
        Store("mysql://kb@localhost/kb")


def test_a_postgresql_url_without_a_driver_uses_psycopg():
    assert Store("postgresql://kb@localhost/kb").engine.driver == "psycopg"
    assert Store("postgres://kb@localhost/kb").engine.driver == "psycopg"
