"""The database schema at start-up and `flask kb-migrate`."""

from __future__ import annotations

from sqlalchemy import text

from harness.server import app_env, flask
from kb.store import Store
from kb.store.db import sqlite_url
from kb.store.migrate import head
from tests.conftest import make_app


def test_the_app_migrates_on_start_and_the_command_says_so(articles_dir, tmp_path):
    app = make_app(articles_dir, tmp_path / "instance")
    store = app.extensions["kb_store"]
    assert (store.schema.before, store.schema.after) == (None, head())
    result = app.test_cli_runner().invoke(args=["kb-migrate"])
    assert result.exit_code == 0, result.output
    assert f"migrated from none to {head()}" in result.output
    second = make_app(articles_dir, tmp_path / "instance")
    again = second.test_cli_runner().invoke(args=["kb-migrate"])
    assert f"up to date (revision {head()})" in again.output
    for each in (app, second):
        each.extensions["kb_content"].stop()


def test_a_database_from_a_newer_version_stops_start_up_and_commands(articles_dir, tmp_path):
    """One line saying what to do and exit status 3 (gunicorn then stops), not a traceback."""
    instance = tmp_path / "instance"
    instance.mkdir()
    store = Store(sqlite_url(instance / "kb.sqlite3"))
    store.migrate()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.dispose()
    done = flask(app_env(articles_dir, instance), "kb-migrate", timeout=120)
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stderr.startswith("kb: cannot start: the database is at schema revision 9999")
    assert "Traceback" not in done.stderr


def test_a_database_down_at_start_degrades_the_site_and_fails_the_command(articles_dir, tmp_path):
    """The site serves without records (as /healthz says); the command says why it cannot."""
    down = "postgresql://kb@127.0.0.1:1/kb"  # nothing listens on port 1
    app = make_app(articles_dir, tmp_path / "instance", DATABASE_URL=down)
    store = app.extensions["kb_store"]
    assert store.schema is None and "database" in store.faults.current()
    result = app.test_cli_runner().invoke(args=["kb-migrate"])
    assert result.exit_code == 1
    assert "could not migrate the database (" in result.output
    assert "nothing was changed" in result.output
    app.extensions["kb_content"].stop()
