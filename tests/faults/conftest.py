"""Fault runs against the real server: gunicorn (2 workers) over copies of the articles, with
the index built by `flask kb-index`, and disks of their own to fill up or make read-only."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.client import Browser
from harness.server import Gunicorn, app_env, flask
from tests.conftest import SHIPPED_ARTICLES

ARTICLE = "transfer-to-retention"  # a shipped article, in both languages
WORD = "retention"  # a word it is found by


@dataclass
class Site:
    """The folders of one site and the environment that points the app at them."""

    articles: Path
    instance: Path
    env: dict[str, str]
    logs: Path

    def gunicorn(self, name: str = "gunicorn") -> Gunicorn:
        return Gunicorn(self.env, self.logs / f"{name}.log")

    def build_index(self) -> None:
        done = flask(self.env, "kb-index", timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr


def make_site(root: Path, instance: Path | None = None) -> Site:
    """A copy of the shipped articles under `root` and an instance folder (by default beside)."""
    articles = root / "articles"
    shutil.copytree(SHIPPED_ARTICLES, articles)
    logs = root / "logs"
    logs.mkdir()
    instance = instance or root / "instance"
    # A quick watcher, and no roll-up thread writing to the database behind the tests' back.
    env = app_env(articles, instance, KB_WATCH_INTERVAL="0.5", KB_ROLLUP_CHECK_INTERVAL="0")
    return Site(articles, instance, env, logs)


@pytest.fixture
def site(tmp_path) -> Site:
    """The shipped articles with a built index."""
    made = make_site(tmp_path)
    made.build_index()
    return made


@pytest.fixture
def disks(tmp_path):
    """`disks(size)` mounts a tmpfs of that size ("16m") and returns its folder; each is
    unmounted at the end. Needs root (or CAP_SYS_ADMIN): without it the test is skipped, and in
    CI (`CI=true`, where .ci/run is root) it fails."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        path = tmp_path / f"disk{len(mounted)}"
        path.mkdir()
        options = f"size={size},mode=0755"
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            why = f"cannot mount a tmpfs here: {done.stderr.strip()}"
            if os.environ.get("CI"):
                pytest.fail(why + ": the fault runs must run in CI")
            pytest.skip(why)
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        if subprocess.run(["umount", str(path)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)  # busy: detach


def remount(path: Path, mode: str) -> None:
    """Remount a tmpfs of `disks` "ro" or "rw"."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(path)], check=True)


def fill(disk: Path) -> Path:
    """Fill `disk` to the last byte; returns the filler file (delete it to free the space)."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
    finally:
        os.close(fd)
    return filler


def vote(browser: Browser, lang: str = "en", slug: str = ARTICLE, **form) -> tuple[int, dict]:
    """Vote on an article as feedback.js does: token from the page, JSON answer."""
    page = browser.get(f"/{lang}/{slug}")
    assert page.status == 200, page.status
    data = {"csrf_token": page.csrf(), "slug": slug, "block": "", "helpful": "yes", **form}
    answer = browser.post(f"/{lang}/feedback", data, Accept="application/json")
    return answer.status, json.loads(answer.text)


@dataclass
class Traffic:
    """Readers in threads doing `action(browser)` until stopped; results tallied."""

    base: str
    action: object
    threads: int = 4
    results: Counter = field(default_factory=Counter)
    acked: int = 0
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> Traffic:
        self._threads = [
            threading.Thread(target=self._run, daemon=True) for _ in range(self.threads)
        ]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                result = self.action(Browser(self.base, timeout=30))
            except Exception as error:  # connection refused or reset, a read that timed out
                with self._lock:
                    self.results["conn"] += 1
                    self.errors.append(repr(error))
                continue
            with self._lock:
                self.results[result] += 1
            time.sleep(0.01)
