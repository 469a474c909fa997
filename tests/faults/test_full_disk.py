"""A full disk under the instance folder: pages and search go on from the index there is,
records are dropped with one logged line per kind (not per request), votes say they were not
saved, /healthz says "degraded", a rebuild fails with a clear message and leaves the current
generation serving, and everything works again once there is room.

Under gunicorn on a real tmpfs filled to the last byte (root only); in-process, everywhere, with
the database's and the index's writes made to fail as a full disk fails them."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import time

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from harness.client import Browser
from harness.server import flask, get_json
from kb.search.index import IndexDir
from tests.conftest import make_app
from tests.faults.conftest import ARTICLE, WORD, fill, make_site, vote
from tests.web.editing import csrf

NEW_WORD = "zebrafinch"
WALKTHROUGH = "/en/call-next-process/guide/call-back"


def unrecovered(log: str) -> list[str]:
    """The kinds of fault logged as degraded more often than as recovered (one line each per
    worker)."""
    kinds = set(re.findall(r"degraded: ([a-z ]+):", log))
    return sorted(k for k in kinds if log.count(f"degraded: {k}:") > log.count(f"recovered: {k}:"))


def write_new_word(articles) -> None:
    article = articles / "en" / f"{ARTICLE}.md"
    article.write_text(article.read_text() + f"\n\nA new word: {NEW_WORD}.\n")


def test_a_full_disk_under_gunicorn(tmp_path, disks):
    disk = disks("24m")
    site = make_site(tmp_path, instance=disk / "instance")
    site.build_index()
    index = site.instance / "index"
    kept = 0

    def voted() -> int:
        nonlocal kept
        status, answer = vote(Browser(server.base))
        kept += status == 200 and answer["counted"]
        return status

    with site.gunicorn() as server:
        assert voted() == 200
        filler = fill(disk)
        generation = os.readlink(index / "current")

        # Reading goes on; writing records fails sooner or later (SQLite's write-ahead log may
        # have room left for a few), and then says so.
        answers = []
        for _ in range(200):
            answers.append(voted())
            if answers[-1] == 503:
                break
        assert answers[-1] == 503 and set(answers) <= {200, 503}, answers
        browser = Browser(server.base)
        for _ in range(10):
            assert browser.get(f"/en/{ARTICLE}").status == 200
            assert json.loads(browser.get(f"/api/search?lang=en&q={WORD}").text)["total"] > 0
            assert browser.get(f"/en/search?q={WORD}").status == 200
            assert browser.get(WALKTHROUGH).status in (200, 302)
            assert voted() == 503
        status, health = get_json(server.base + "/healthz")
        assert status == 200 and health["status"] == "degraded"
        assert "is full" in health["problems"]["instance folder"]

        # A changed article cannot be indexed; the index serves what it had.
        write_new_word(site.articles)
        time.sleep(2)
        assert json.loads(browser.get(f"/api/search?lang=en&q={WORD}").text)["total"] > 0

        rebuilt = flask(site.env, "kb-index")
        assert rebuilt.returncode == 1
        assert "Traceback" not in rebuilt.stderr, rebuilt.stderr
        assert "could not rebuild the search index" in rebuilt.stderr
        assert "No space left on device" in rebuilt.stderr
        assert f"searches go on using {generation}" in rebuilt.stderr
        assert os.readlink(index / "current") == generation
        assert not [p for p in index.iterdir() if p.name.startswith(".build-")]

        # Room again: everything catches up by itself.
        filler.unlink()
        assert voted() == 200
        deadline = time.monotonic() + 30
        while json.loads(browser.get(f"/api/search?lang=en&q={NEW_WORD}").text)["total"] == 0:
            assert time.monotonic() < deadline, "the changed article was never indexed"
            time.sleep(0.3)
        while unrecovered(server.log()):  # each worker clears a fault when it next writes
            browser.get(f"/en/{ARTICLE}")  # that kind of record; which one answers is luck
            browser.get(f"/en/search?q={WORD}")
            browser.get(WALKTHROUGH)
            voted()
            assert time.monotonic() < deadline, unrecovered(server.log())
        healths = [get_json(server.base + "/healthz")[1] for _ in range(8)]
        assert all(h["status"] == "ok" for h in healths), healths
        log = server.log()

    assert "Traceback" not in log, log
    for kind in ("votes", "searches", "article views", "search index updates"):
        assert 1 <= log.count(f"degraded: {kind}:") <= 2, (kind, log)
        assert 1 <= log.count(f"recovered: {kind}:") <= 2, (kind, log)
    with sqlite3.connect(site.instance / "kb.sqlite3") as conn:  # every vote said kept is
        assert conn.execute("SELECT count(*) FROM feedback").fetchone()[0] == kept


@pytest.fixture
def disk_full(monkeypatch):
    """Make writes fail as on a full disk, without root: the index's with ENOSPC, the
    database's with SQLite's "database or disk is full". Returns (install, full): `install`
    an SQLAlchemy engine, then set `full[0]` to fill the disk (True) or make room (False)."""
    full = [False]

    def failing_while_full(method):
        def write(*args, **kwargs):
            if full[0]:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return method(*args, **kwargs)

        return write

    for name in ("build_shares", "update"):  # every write of an index generation goes through these
        monkeypatch.setattr(IndexDir, name, failing_while_full(getattr(IndexDir, name)))

    def refuse_writes(conn, cursor, statement, parameters, context, executemany):
        if full[0] and statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            error = sqlite3.OperationalError("database or disk is full")
            raise OperationalError(statement, parameters, error)

    def install(engine):
        event.listen(engine, "before_cursor_execute", refuse_writes)

    return install, full


def test_a_full_disk_in_process(articles_dir, tmp_path, disk_full, caplog, monkeypatch):
    install, full = disk_full
    monkeypatch.setattr("kb.web.cli._yield_to_the_site", lambda: None)  # leave pytest's priority
    app = make_app(articles_dir, tmp_path / "instance")
    client = app.test_client()
    engine = app.extensions["kb_search"]
    engine.rebuild()
    generation = engine.index_dir.current()
    install(app.extensions["kb_store"].engine)
    full[0] = True
    token = csrf(client)
    form = {"csrf_token": token, "slug": ARTICLE, "block": "", "helpful": "yes"}
    json_answer = {"Accept": "application/json"}

    for _ in range(5):
        assert client.get(f"/en/{ARTICLE}").status_code == 200
        assert client.get(f"/api/search?lang=en&q={WORD}").get_json()["total"] > 0
        assert client.get(f"/en/search?q={WORD}").status_code == 200
        answer = client.post("/en/feedback", data=form, headers=json_answer)
        assert answer.status_code == 503 and answer.get_json()["counted"] is False
    assert client.post("/en/feedback", data=form).status_code == 302
    assert "could not be saved" in client.get(f"/en/{ARTICLE}").get_data(as_text=True)
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert "database or disk is full" in health["problems"]["votes"]

    write_new_word(articles_dir)
    for _ in range(3):
        app.extensions["kb_content"].refresh()
    assert "No space left on device" in engine.faults.current()["search index updates"]
    result = app.test_cli_runner().invoke(args=["kb-index"])
    assert result.exit_code == 1
    assert "could not rebuild the search index" in result.output
    assert f"searches go on using {generation}" in result.output
    assert engine.index_dir.current() == generation
    for kind in ("votes", "searches", "article views", "search index updates"):
        assert caplog.text.count(f"degraded: {kind}:") == 1, kind

    full[0] = False
    app.extensions["kb_content"].refresh()
    assert client.get(f"/api/search?lang=en&q={NEW_WORD}").get_json()["total"] > 0
    assert client.post("/en/feedback", data=form, headers=json_answer).get_json()["counted"]
    client.get(f"/en/{ARTICLE}")
    assert client.get("/healthz").get_json()["status"] == "ok"
    app.extensions["kb_content"].stop()
