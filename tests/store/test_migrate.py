"""Schema migrations: what they build, what they keep, and processes running them at once."""

from __future__ import annotations

import multiprocessing
import random
import re
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    inspect,
    select,
    text,
)

import kb.store.migrate as migrate
from kb.store import Store
from kb.store.db import metadata
from kb.store.migrate import SchemaError, head, upgrade
from tests.postgres import database_url

FIXTURES = Path(__file__).parent / "fixtures"
ROWS = 300  # records per table in the database made before migrations


def _differences(store: Store) -> list:
    """What Alembic's autogenerate sees between the database and `kb/store/tables.py`."""
    with store.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def _revision(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def test_a_new_database_gets_exactly_the_schema_the_code_declares(tmp_path):
    """Also the guard for developers: a table changed without a migration fails here."""
    store = Store(database_url(tmp_path))
    result = upgrade(store)
    assert (result.before, result.after) == (None, head())
    assert _differences(store) == []
    assert _revision(store) == [head()]
    assert set(inspect(store.engine).get_table_names()) == set(metadata.tables) | {
        "alembic_version"
    }
    again = upgrade(store)
    assert (again.before, again.after) == (head(), head())
    store.dispose()


def test_every_migration_goes_down_and_up_again(tmp_path):
    store = Store(database_url(tmp_path))
    upgrade(store)
    with store.engine.begin() as conn:
        cfg = migrate.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        command.upgrade(cfg, "head")
    assert _differences(store) == []
    store.dispose()


def _fill(conn, table: Table, rows: int) -> None:
    """`rows` records in every column of `table`, unique where the table needs it."""
    rng = random.Random(table.name)
    values = []
    for i in range(rows):
        row = {}
        for column in table.columns:
            if column.primary_key and isinstance(column.type, Integer):
                continue  # numbered by the database
            if column.nullable and i % 5 == 0:
                row[column.name] = None
            elif isinstance(column.type, DateTime):
                row[column.name] = datetime(2026, 1, 1) + timedelta(seconds=rng.randrange(10**7))
            elif isinstance(column.type, Date):
                row[column.name] = date(2026, 1, 1) + timedelta(days=i)  # unique with the rest
            elif isinstance(column.type, Boolean):
                row[column.name] = bool(i % 2)
            elif isinstance(column.type, Float):
                row[column.name] = rng.random() * 1000
            elif isinstance(column.type, Integer):
                row[column.name] = rng.randrange(10**6)
            else:
                width = min(column.type.length or 40, 40)
                row[column.name] = f"{i}-ёж-{rng.randrange(10**9)}"[:width]
        values.append(row)
    conn.execute(insert(table), values)


def _dump(store: Store, like: MetaData | None = None) -> dict[str, list[tuple]]:
    """Every row of every table; with `like`, only the columns its tables have (the ones a
    later migration added left out)."""
    reflected = MetaData()
    reflected.reflect(store.engine)
    with store.engine.connect() as conn:
        return {
            name: sorted(conn.execute(select(*_columns(table, like))).all(), key=repr)
            for name, table in reflected.tables.items()
            if name != "alembic_version"
        }


def _columns(table: Table, like: MetaData | None) -> list:
    if like is None or table.name not in like.tables:
        return list(table.c)
    return [table.c[c.name] for c in like.tables[table.name].c]


def test_a_database_made_before_migrations_keeps_every_record(tmp_path):
    """A database made by the old `create_all` (its DDL frozen in fixtures/), full of records,
    is recognised (no alembic_version), migrated to the newest revision, and loses nothing."""
    store = Store(database_url(tmp_path))
    ddl = (FIXTURES / f"before_migrations.{store.dialect}.sql").read_text()
    ddl = "\n".join(line for line in ddl.splitlines() if not line.startswith("--"))
    with store.engine.begin() as conn:
        for statement in filter(str.strip, ddl.split(";")):
            conn.exec_driver_sql(statement)
    old = MetaData()
    old.reflect(store.engine)
    assert len(old.tables) == 11
    with store.engine.begin() as conn:
        for table in old.sorted_tables:
            _fill(conn, table, ROWS)
    before = _dump(store)
    assert all(len(rows) == ROWS for rows in before.values())

    result = upgrade(store)

    assert (result.before, result.after) == (None, head())
    after = _dump(store, like=old)
    for name, rows in before.items():
        assert after[name] == rows, name
    with store.engine.connect() as conn:  # 0002: editors start at session epoch 0
        epochs = conn.execute(text("SELECT DISTINCT session_epoch FROM editors")).scalars()
        assert list(epochs) == [0]
    assert _differences(store) == []
    store.dispose()


def test_a_database_from_a_newer_version_stops_the_upgrade(tmp_path):
    store = Store(database_url(tmp_path))
    upgrade(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaError, match="9999.*newer version"):
        upgrade(store)
    store.dispose()


def _upgrade_in_a_new_process(url, barrier):
    barrier.wait()
    store = Store(url)
    upgrade(store)
    store.dispose()


def test_processes_migrating_at_once_all_succeed_and_migrate_once(tmp_path):
    """gunicorn starts its workers together, and instances may start together: each migrates on
    start-up, under the database's lock."""
    url = database_url(tmp_path)
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(4)
    workers = [ctx.Process(target=_upgrade_in_a_new_process, args=(url, barrier)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    store = Store(url)
    assert _revision(store) == [head()]  # one row: nobody recorded a revision twice
    assert _differences(store) == []
    store.dispose()


def test_a_new_migration_is_written_from_the_tables_and_applies(tmp_path, monkeypatch):
    """`make migration MESSAGE=...`: what tables.py adds becomes the next numbered revision."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    previous = head()
    added = Table(
        "scratch_drafts",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("slug", String(500), nullable=False),
    )
    try:
        path = migrate.new_revision("add scratch drafts")
        source = path.read_text()
        assert path.name.startswith(f"{int(previous) + 1:04d}_add_scratch_drafts")
        assert re.search(r'create_table\(\s*"scratch_drafts"', source)
        lint = [sys.executable, "-m", "ruff", "format", "--check", str(path)]
        assert subprocess.run(lint, capture_output=True).returncode == 0  # as `make lint` wants
        assert f'down_revision = "{previous}"' in source
        store = Store(database_url(tmp_path))
        upgrade(store)
        assert "scratch_drafts" in inspect(store.engine).get_table_names()
        assert _differences(store) == []
        store.dispose()
    finally:
        metadata.remove(added)


def test_a_migration_that_fails_leaves_the_schema_as_it_was(tmp_path, monkeypatch):
    """One transaction, on SQLite too (where Python's driver would commit DDL as it goes unless
    the transaction was begun explicitly, as `upgrade` does)."""
    store = Store(database_url(tmp_path))
    upgrade(store)
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    previous = head()
    failing = f"{int(previous) + 1:04d}"
    (scripts / "versions" / f"{failing}_fails_halfway.py").write_text(
        f'"""Creates a table, then fails."""\n\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {failing!r}\ndown_revision = {previous!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n"
        '    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    op.add_column("search_log", sa.Column("extra", sa.String(10)))\n'
        '    raise RuntimeError("the data step failed")\n\n\n'
        "def downgrade():\n    pass\n"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    with pytest.raises(RuntimeError, match="the data step failed"):
        upgrade(store)
    names = inspect(store.engine).get_table_names()
    assert "half_done" not in names
    assert "extra" not in {c["name"] for c in inspect(store.engine).get_columns("search_log")}
    assert _revision(store) == [previous]
    store.dispose()
