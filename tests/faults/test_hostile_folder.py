"""A symbolic-link loop and a FIFO put into the articles folder of a running gunicorn: every
worker's watcher goes on picking up edits (no traceback), a worker killed afterwards is
replaced by one that boots, and `kb-check` finishes, naming both."""

from __future__ import annotations

import os
import signal
import time

from harness.client import Browser
from harness.server import flask
from tests.faults.conftest import ARTICLE


def until(condition, seconds: float = 30, every: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def test_a_loop_and_a_fifo_neither_stop_the_watchers_nor_a_new_worker(site):
    en = site.articles / "en"
    with site.gunicorn() as server:
        browser = Browser(server.base)
        (en / "self.md").symlink_to("self.md")
        os.mkfifo(en / "fifo.md")
        time.sleep(1.5)  # a few rescans over them

        edited = en / f"{ARTICLE}.md"
        edited.write_text(edited.read_text() + "\n\nA word added: zanzibarite.\n")
        added = en / "added-while-hostile.md"
        added.write_text("# Added while hostile\n\nFresh.\n")
        # Every worker (requests land on either) sees both edits.
        assert until(
            lambda: all(
                "zanzibarite" in browser.get(f"/en/{ARTICLE}").text
                and browser.get("/en/added-while-hostile").status == 200
                for _ in range(6)
            )
        ), server.log()[-3000:]

        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        assert until(
            lambda: len(server.worker_pids()) == 2 and victim not in server.worker_pids(), 60
        ), server.log()[-3000:]
        assert all(browser.get("/en/added-while-hostile").status == 200 for _ in range(6))
        assert server.process.poll() is None  # the master is still running

        (en / "fifo.md").unlink()
        (en / "self.md").unlink()
        added.write_text("# Added while hostile\n\nChanged once they were gone.\n")
        assert until(
            lambda: all(
                "once they were gone" in browser.get("/en/added-while-hostile").text
                for _ in range(6)
            )
        )
        log = server.log()
    assert "Traceback" not in log, log[-3000:]

    (en / "self.md").symlink_to("self.md")
    os.mkfifo(en / "fifo.md")
    done = flask(site.env, "kb-check", timeout=60)
    assert done.returncode == 1
    assert "en/self.md:1: error: skipped: a symbolic link that loops" in done.stderr
    assert "en/fifo.md:1: error: skipped: a FIFO, not a regular file" in done.stderr
