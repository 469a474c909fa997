"""The database of every test: SQLite files, or with KB_TEST_DATABASE=postgresql a throw-away
PostgreSQL server (`harness.postgres`) started for the session. In CI (`CI=true`) missing
binaries fail the run; elsewhere the tests are skipped.

`database_url(folder)` names the database a test keeps "in" a folder: a SQLite file there, or a
schema of its own in the server's database, first on the connection's search_path so that the app
sees only its own tables (a schema takes a millisecond to create, a database most of a second).
Apps given the same folder (two workers, say) share it either way.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from harness.postgres import SERVER_USER, PostgresServer, bindir, user_exists
from kb.store.db import sqlite_url

KIND = os.environ.get("KB_TEST_DATABASE", "sqlite")
KINDS = ("sqlite", "postgresql")
_server: PostgresServer | None = None
_missing: str | None = None  # why PostgreSQL tests cannot run here, if they cannot


def database_url(folder: Path) -> str:
    """The database a test keeps in `folder`: the same folder always gives the same database."""
    if KIND == "sqlite":
        return sqlite_url(Path(folder) / "kb.sqlite3")
    global _server
    if _server is None:
        server = PostgresServer(bindir())
        server.start()
        _server = server
    digest = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()
    return _server.database_url(f"kb_test_{digest[:24]}")


def pytest_configure(config):
    global _missing
    if KIND not in KINDS:
        raise pytest.UsageError(f"KB_TEST_DATABASE must be one of {', '.join(KINDS)}, not {KIND!r}")
    if KIND != "postgresql":
        return
    if bindir() is None:
        _missing = "PostgreSQL is not installed (apt-get install postgresql)"
    elif os.geteuid() == 0 and not user_exists(SERVER_USER):
        _missing = f"PostgreSQL cannot run as root and there is no {SERVER_USER!r} user to run it"
    if _missing and os.environ.get("CI"):
        raise pytest.UsageError(f"KB_TEST_DATABASE=postgresql: {_missing}: it must run in CI")


def pytest_report_header(config):
    if KIND == "postgresql" and not _missing:
        return f"database: PostgreSQL from {bindir()}, a throw-away server for this session"
    return f"database: {KIND}"


def pytest_collection_modifyitems(config, items):
    if _missing:
        skip = pytest.mark.skip(reason=f"KB_TEST_DATABASE=postgresql: {_missing}")
        for item in items:
            item.add_marker(skip)


def pytest_unconfigure(config):
    global _server
    if _server is not None:
        _server.stop()
        _server = None
