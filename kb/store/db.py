"""One SQLAlchemy engine per process, and the metadata every record module adds its tables to."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

metadata = MetaData()


class Store:
    """The database the app writes its records to; tables are created on first use."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = _engine(url)

    def create_all(self, attempts: int = 5) -> None:
        """Create missing tables; several workers starting at once may race to do it."""
        # Importing the record modules registers their tables on `metadata`.
        from kb.store import tables  # noqa: F401

        for attempt in range(attempts):
            try:
                metadata.create_all(self.engine)
                return
            except (OperationalError, ProgrammingError, IntegrityError):
                # Another process created a table between our check and our CREATE.
                if attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _engine(url: str) -> Engine:
    if url.startswith("sqlite:"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers (reports) and writers (gunicorn workers) work at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
