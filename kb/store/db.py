"""One SQLAlchemy engine per process, and the metadata every record module adds its tables to."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, event

metadata = MetaData()


class Store:
    """The database the app writes its records to; tables are created on first use."""

    def __init__(self, url: str):
        self.url = url
        self.engine: Engine = _engine(url)

    def create_all(self) -> None:
        # Importing the record modules registers their tables on `metadata`.
        from kb.store import tables  # noqa: F401

        metadata.create_all(self.engine)

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
