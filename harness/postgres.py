"""A throw-away PostgreSQL server from the distribution's binaries (`apt-get install
postgresql`), for the tests (`KB_TEST_DATABASE=postgresql`) and the load run (`--postgresql`).

It runs in a temporary folder on 127.0.0.1, as the unprivileged `postgres` user when started by
root (PostgreSQL refuses root), with durability off: nothing in it outlives the run.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

from harness.server import free_port

SERVER_USER = "postgres"  # PostgreSQL refuses to run as root; Debian's package makes this user
APP_ROLE = DATABASE = "kb"  # what the app connects as (no superuser), and the database it owns
SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}  # throw-away


class PostgresServer:
    """A cluster in a temporary folder, served on 127.0.0.1 by an unprivileged user."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="kb-postgres-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._admin: psycopg.Connection | None = None
        self._schemas: set[str] = set()

    def start(self) -> None:
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")  # fmt: skip
        options = [f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-k {self.root}"]
        options += [f"-c {name}={value}" for name, value in SETTINGS.items()]
        log = self.root / "server.log"
        try:
            self._run("pg_ctl", "start", "-w", "-D", self.data, "-l", log, "-o", " ".join(options))
        except subprocess.CalledProcessError:
            raise RuntimeError(f"PostgreSQL did not start:\n{_tail(log)}") from None
        role = sql.Identifier(APP_ROLE)
        with psycopg.connect(self._url("postgres", "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(DATABASE), role)
            )
        self._admin = psycopg.connect(self._url("postgres", DATABASE), autocommit=True)

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
        # Immediate: nothing here is worth a checkpoint.
        self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", self.data)
        shutil.rmtree(self.root, ignore_errors=True)

    def database_url(self, schema: str) -> str:
        """A URL whose connections work in `schema`, created empty on first use."""
        if schema not in self._schemas:
            self._admin.execute(
                sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
                    sql.Identifier(schema), sql.Identifier(APP_ROLE)
                )
            )
            self._schemas.add(schema)
        url = self._url(APP_ROLE, DATABASE, scheme="postgresql+psycopg")
        return f"{url}?options=-csearch_path%3D{schema}"

    def _url(self, user: str, database: str, scheme: str = "postgresql") -> str:
        return f"{scheme}://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args) -> None:
        command = [str(self.bindir / program), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)


def bindir() -> Path | None:
    """The newest installed PostgreSQL's programs (Debian keeps them out of the PATH)."""
    found = glob.glob("/usr/lib/postgresql/[0-9]*/bin/initdb")
    initdb = max(found, key=lambda path: float(Path(path).parts[-3]), default=None)
    initdb = initdb or shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
