"""Versioned schema migrations (Alembic), applied under a lock the database itself holds.

`upgrade(store)` brings any database to the newest revision: a new one gets every table, one made
by `create_all` before migrations existed (tables, no `alembic_version`) keeps its rows and is
carried on from the baseline, whose tables are created only where missing. Processes upgrading
at once take turns: PostgreSQL by an advisory lock, SQLite by BEGIN IMMEDIATE (its write lock),
both taken before the current revision is read, so the second finds the work done.

`python -m kb.store.migrate revision "add drafts"` writes a new migration from the difference
between `kb/store/tables.py` and the newest revision (see README, "Changing the schema").
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from kb.store.db import Store, sqlite_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK = "kb: migrate the schema"


class SchemaError(RuntimeError):
    """The database holds a revision this code does not know (a newer version migrated it)."""


@dataclass(frozen=True)
class Upgrade:
    """What `upgrade` found and left: revisions are None for a database without any."""

    before: str | None
    after: str


def config() -> Config:
    """Alembic's settings, from code rather than an alembic.ini."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    return cfg


@functools.cache
def _scripts(location: Path) -> ScriptDirectory:
    """The migration scripts, read once per process (reading them takes ~20 ms)."""
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision of the code."""
    heads = _scripts(MIGRATIONS).get_heads()
    if len(heads) != 1:  # two branches each added a migration after the same one
        raise SchemaError(
            f"the migrations have {len(heads)} heads ({', '.join(heads)}): merge them"
        )
    return heads[0]


def current(conn: Connection) -> str | None:
    """The revision the database is at; None if it has none (new, or made before migrations)."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(store: Store, attempts: int = 5) -> Upgrade:
    """Bring the database to the newest revision in one transaction, under the schema lock."""
    newest = head()
    for attempt in range(attempts):
        try:
            with store.engine.connect() as conn:
                # Most starts find the newest revision: they need no lock (nor a writable disk).
                if (found := current(conn)) == newest:
                    return Upgrade(found, newest)
            with store.engine.connect() as conn:
                with conn.begin():
                    _lock(store, conn)
                    before = current(conn)
                    if before != newest:
                        _check_known(before)
                        cfg = config()
                        cfg.attributes["connection"] = conn
                        command.upgrade(cfg, "head")
            return Upgrade(before, newest)
        except (OperationalError, ProgrammingError, IntegrityError):
            # The database was not accepting connections yet, or SQLite's busy timeout ran out
            # while another process held the lock for a long migration: try again a little later.
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _lock(store: Store, conn: Connection) -> None:
    """Hold the database's own lock on schema changes until the transaction ends."""
    if store.dialect == "sqlite":
        # pysqlite starts its transaction at the first write; the schema must be read under the
        # write lock, so take it now (the transaction SQLAlchemy began emitted nothing yet).
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        store.lock(conn, LOCK)


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    if revision not in {script.revision for script in _scripts(MIGRATIONS).walk_revisions()}:
        raise SchemaError(
            f"the database is at schema revision {revision}, which this version of the code does "
            "not know: a newer version has migrated it. Run that version, or restore a backup "
            "taken before the upgrade"
        )


def new_revision(message: str) -> Path:
    """Write a migration for what `kb/store/tables.py` adds to the newest revision; returns its
    file. The comparison is made on a scratch SQLite database upgraded to the newest revision."""
    scripts = ScriptDirectory.from_config(config())
    numbers = [int(s.revision) for s in scripts.walk_revisions() if s.revision.isdigit()]
    rev_id = f"{max(numbers, default=0) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        store = Store(sqlite_url(Path(scratch) / "scratch.sqlite3"))
        try:
            upgrade(store)
            with store.engine.begin() as conn:
                cfg = config()
                cfg.attributes["connection"] = conn
                script = command.revision(cfg, message, autogenerate=True, rev_id=rev_id)
        finally:
            store.dispose()
    _scripts.cache_clear()  # there is one more now
    assert script is not None and not isinstance(script, list)
    path = Path(script.path)
    # The file as `make lint` wants it (ruff is a development dependency, as writing one is).
    for fix in (["check", "--fix-only", "--quiet"], ["format", "--quiet"]):
        subprocess.run([sys.executable, "-m", "ruff", *fix, str(path)], check=False)
    return path


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "revision" or not re.search(r"\w", argv[1]):
        print('usage: python -m kb.store.migrate revision "what the change does"', file=sys.stderr)
        return 2
    print(f"wrote {new_revision(argv[1])}: read it, complete it, and add a test")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
