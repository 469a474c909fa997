import multiprocessing

from sqlalchemy import inspect

from kb.store import Store
from kb.store.db import metadata, sqlite_url


def _create(url, barrier):
    barrier.wait()
    Store(url).create_all()


def test_workers_creating_the_tables_at_once_all_succeed(tmp_path):
    """gunicorn starts its workers together; each creates the tables on start-up."""
    url = sqlite_url(tmp_path / "kb.sqlite3")
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(4)
    workers = [ctx.Process(target=_create, args=(url, barrier)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    tables = set(inspect(Store(url).engine).get_table_names())
    assert tables == set(metadata.tables)
