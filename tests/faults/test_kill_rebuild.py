"""A rebuild killed (SIGKILL) while it writes a new generation: searches go on answering from
the old one throughout, the index stays usable, the next writer (a rebuild, or a sync of a
changed article) cleans up the leftovers, and both go on working."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

from harness.corpus import generate
from harness.server import PROJECT, flask, flask_command, get_json
from tests.faults.conftest import WORD, Traffic, make_site

NEW_WORD = "zebrafinch"


def searcher(browser) -> str:
    answer = browser.get(f"/api/search?lang=en&q={WORD}")
    if answer.status != 200:
        return f"{answer.status}"
    return "found" if json.loads(answer.text)["total"] else "nothing found"


def leftovers(index) -> list[str]:
    return sorted(p.name for p in index.iterdir() if p.name.startswith(".build-"))


def kill_a_rebuild_midway(site, index) -> None:
    """Start `flask kb-index`, and SIGKILL it once it is writing its new generation."""
    before = os.readlink(index / "current")
    rebuild = subprocess.Popen(
        flask_command("kb-index"),
        cwd=PROJECT,
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not leftovers(index) and rebuild.poll() is None:
            assert time.monotonic() < deadline, "the rebuild never started writing"
            time.sleep(0.01)
        time.sleep(0.3)  # well into writing the new generation
        assert rebuild.poll() is None, "the rebuild finished before it could be killed"
        rebuild.send_signal(signal.SIGKILL)
    finally:
        rebuild.kill()
        rebuild.wait()
    assert leftovers(index)  # what it was writing is still there
    assert os.readlink(index / "current") == before


def found(server, word: str) -> bool:
    status, body = get_json(f"{server.base}/api/search?lang=en&q={word}")
    assert status == 200
    return bool(body["total"])


def test_a_rebuild_killed_midway_leaves_the_old_generation_serving(tmp_path):
    site = make_site(tmp_path)
    generate(site.articles, 60)  # enough articles for a rebuild to take a few seconds
    site.build_index()
    index = site.instance / "index"
    with site.gunicorn() as server, Traffic(server.base, searcher, threads=2) as traffic:
        kill_a_rebuild_midway(site, index)
        before = os.readlink(index / "current")
        rebuilt = flask(site.env, "kb-index")
        assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
        assert leftovers(index) == []  # the next rebuild cleaned them up
        assert os.readlink(index / "current") != before

        kill_a_rebuild_midway(site, index)
        article = site.articles / "en" / "transfer-to-retention.md"
        article.write_text(article.read_text() + f"\n\nA new word: {NEW_WORD}.\n")
        deadline = time.monotonic() + 30
        while not found(server, NEW_WORD):  # the workers' watchers sync it
            assert time.monotonic() < deadline, "the changed article never became searchable"
            time.sleep(0.3)
        assert leftovers(index) == []  # the sync, the next writer, cleaned them up
        log = server.log()

    print(f"\nsearches while rebuilds were killed and after: {dict(traffic.results)}")
    assert traffic.results["found"] > 0
    assert set(traffic.results) == {
        "found"
    }  # every search answered, from one generation or another
    assert "Traceback" not in log
