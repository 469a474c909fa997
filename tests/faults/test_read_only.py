"""An instance folder that cannot be created or written.

Cannot be created (or holds no secret key and cannot be given one): the app stops at once with
one clear line naming the folder and what to do, and gunicorn stops rather than starting workers
in a loop. Read-only with what the site needs (an index, a key): pages and search are served,
records are dropped with one logged line per kind and worker, and /healthz says "degraded"."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.client import Browser
from harness.server import PROJECT, Gunicorn, app_env, flask, free_port, get_json
from tests.faults.conftest import ARTICLE, WORD, make_site, remount, vote

WALKTHROUGH = "/en/call-next-process/guide/call-back"


def gunicorn_exit(env: dict, log) -> tuple[int, str]:
    """Start gunicorn and wait for it to stop by itself: (exit code, what it logged)."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with log.open("wb") as out:
        done = subprocess.run(
            [gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{free_port()}", "app:app"],
            cwd=PROJECT,
            env=env,
            stdout=out,
            stderr=out,
            timeout=60,  # a crash loop would run until this
        )
    return done.returncode, log.read_text()


def assert_one_clear_line(code: int, output: str, *words: str) -> None:
    assert code == 3, output
    assert "Traceback" not in output, output
    line = next(line for line in output.splitlines() if "kb: cannot start" in line)
    for word in words:
        assert word in line, line


def test_an_instance_folder_that_cannot_be_created_stops_the_app_with_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    instance = blocker / "instance"
    env = app_env(PROJECT / "articles", instance, KB_WATCH_INTERVAL="0")

    done = flask(env, "kb-index")
    assert_one_clear_line(done.returncode, done.stderr, str(instance), "KB_INSTANCE_DIR")

    code, output = gunicorn_exit(env, tmp_path / "gunicorn.log")
    # gunicorn stops ("Worker failed to boot"), with status 3; when both workers fail at the
    # same moment, its arbiter raises that once more while halting (a traceback of gunicorn's
    # own, status 1). Either way no worker is started again, and no traceback is the app's.
    assert code in (1, 3), output
    assert "Worker failed to boot" in output
    assert output.count("Booting worker") <= 2  # no crash loop
    assert f"kb: cannot start: cannot create the instance folder {instance}" in output
    assert f'File "{PROJECT}/kb' not in output and f'File "{PROJECT}/app.py"' not in output


@pytest.fixture
def read_only_site(tmp_path, disks):
    """A site whose instance folder (index, database, secret key, one vote) is then remounted
    read-only."""
    disk = disks("64m")
    site = make_site(tmp_path, instance=disk / "instance")
    site.build_index()
    with site.gunicorn("before") as server:
        assert vote(Browser(server.base))[0] == 200
    remount(disk, "ro")
    return site


def test_a_read_only_instance_serves_pages_and_search_and_drops_records(read_only_site):
    with read_only_site.gunicorn() as server:
        browser = Browser(server.base)
        for _ in range(10):  # enough for both workers to meet every fault more than once
            assert browser.get(f"/en/{ARTICLE}").status == 200
            assert browser.get(f"/en/search?q={WORD}").status == 200
            found = json.loads(browser.get(f"/api/search?lang=en&q={WORD}").text)
            assert found["total"] > 0
            assert browser.get(f"/api/suggest?lang=en&q={WORD[:4]}").status == 200
            assert browser.get(WALKTHROUGH).status == 200  # no run can be started: no redirect
            status, answer = vote(Browser(server.base))
            assert status == 503 and answer["counted"] is False
            assert "could not be saved" in answer["message"]
        # Without JavaScript: back to the article, which says so.
        page = browser.get(f"/en/{ARTICLE}")
        form = {"csrf_token": page.csrf(), "slug": ARTICLE, "block": "", "helpful": "yes"}
        assert browser.post("/en/feedback", form).status == 302
        assert "could not be saved" in browser.get(f"/en/{ARTICLE}").text

        status, health = get_json(server.base + "/healthz")
        time.sleep(1.5)  # a few looks of the watchers at the articles folder
        log = server.log()

    assert status == 200 and health["status"] == "degraded", health
    assert "read-only file system" in health["problems"]["instance folder"]
    assert "Traceback" not in log, log
    # Said once per worker at start, then once per kind of record and worker, not per request.
    assert log.count("degraded: instance folder") == 2
    for kind in ("votes", "searches", "article views", "walkthrough events"):
        assert 1 <= log.count(f"degraded: {kind}:") <= 2, (kind, log)
    assert log.count("degraded: search index updates:") <= 2


def test_a_read_only_instance_without_a_secret_key_stops_the_app_with_one_line(tmp_path, disks):
    disk = disks("1m")
    (disk / "instance").mkdir()
    remount(disk, "ro")
    env = app_env(PROJECT / "articles", disk / "instance", KB_WATCH_INTERVAL="0")
    env.pop("KB_SECRET_KEY", None)
    done = flask(env, "kb-index")
    assert_one_clear_line(done.returncode, done.stderr, str(disk / "instance"), "KB_SECRET_KEY")


def test_a_read_only_instance_with_a_secret_key_set_starts(tmp_path, disks):
    disk = disks("1m")
    (disk / "instance").mkdir()
    remount(disk, "ro")
    env = app_env(PROJECT / "articles", disk / "instance", KB_SECRET_KEY="s" * 32)
    with Gunicorn(env, tmp_path / "gunicorn.log") as server:
        status, health = get_json(server.base + "/healthz")
        assert browser_status(server, f"/en/{ARTICLE}") == 200
        assert browser_status(server, f"/api/search?lang=en&q={WORD}") == 200  # finds nothing
    assert status == 200 and health["status"] == "degraded"


def browser_status(server, path: str) -> int:
    return Browser(server.base).get(path).status
