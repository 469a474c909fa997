"""One SQLAlchemy engine per process, and the metadata every record module adds its tables to."""

from __future__ import annotations

import hashlib
import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    Table,
    create_engine,
    event,
    func,
    make_url,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from kb.faults import Faults

if TYPE_CHECKING:
    from kb.store.migrate import Upgrade

metadata = MetaData()

# Every engine of this process, so that a forked child can drop the connections it inherited.
_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


class NotKept(Exception):
    """A record the database could not take (full disk, read-only, down): it is dropped."""


class Store:
    """The database the app writes its records to; `migrate` brings its schema up to date."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = _engine(url)
        self.faults = Faults()  # the kinds of records that cannot be kept now
        self.schema: Upgrade | None = None  # set by `migrate`

    @contextmanager
    def recording(self, kind: str, consequence: str = "") -> Iterator[Connection]:
        """A transaction for `kind` of records ("votes"). A database error drops the record:
        it is raised as NotKept and noted in `faults`, which logs the first of a run of them
        (with `consequence`, by default "<kind> are dropped") and the end of the run."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as error:
            self.faults.failed(kind, error, consequence or f"{kind} are dropped")
            raise NotKept(kind) from error
        self.faults.recovered(kind)
        self.faults.recovered("database")  # what migrate could not reach at start is back

    @property
    def dialect(self) -> str:
        """The kind of database: "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    def insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT into `table` that can add ON CONFLICT clauses, for this database."""
        return postgresql.insert(table) if self.dialect == "postgresql" else sqlite.insert(table)

    def lock(self, conn: Connection, name: str) -> None:
        """Wait until no other transaction holds the lock `name`, then hold it until this one ends.

        SQLite needs none: it lets one transaction write at a time. PostgreSQL gets an advisory
        lock, so that work which reads what it then writes (the roll-up) is not done twice."""
        if self.dialect == "postgresql":
            key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
            conn.execute(select(func.pg_advisory_xact_lock(key)))

    def migrate(self) -> Upgrade:
        """Bring the schema to the newest migration; processes starting together take turns
        (see `kb.store.migrate`). What it found and left is kept in `schema`."""
        from kb.store.migrate import upgrade

        self.schema = upgrade(self)
        return self.schema

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    elif parsed.get_backend_name() in ("postgresql", "postgres"):
        if parsed.drivername in ("postgresql", "postgres"):  # no driver named: the one installed
            parsed = parsed.set(drivername="postgresql+psycopg")
        # Pre-ping replaces connections that the server or a firewall closed while idle.
        engine = create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    else:
        raise ValueError(f"DATABASE_URL must name SQLite or PostgreSQL, not {parsed.drivername}")
    _engines.add(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # WAL lets readers (reports) and writers (gunicorn workers) work at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def _forget_inherited_connections() -> None:
    # A process forked after connecting (gunicorn --preload) must not share its parent's
    # sockets: it opens its own, and leaves the parent's open for the parent.
    for engine in list(_engines):
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)
