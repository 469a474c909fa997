"""A gunicorn worker killed (SIGKILL) mid-load: the site keeps answering, gunicorn starts
another worker, only the request the dead worker was serving is lost (a retry gets it through),
and every vote acknowledged is in the database, exactly once."""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import sqlite3
import time

from tests.faults.conftest import ARTICLE, WORD, Traffic


def attempt(call):
    """(response, retried): one retry after a connection error, as a careful client does."""
    try:
        return call(), False
    except (OSError, http.client.HTTPException):
        time.sleep(0.2)
        return call(), True


def reader(browser) -> str:
    """Half the time a search, else an article and a vote on it. A vote can be retried safely:
    the browser keeps the voter cookie the article gave it, and a repeated vote is not counted
    twice."""
    if random.random() < 0.5:
        found, retried = attempt(lambda: browser.get(f"/api/search?lang=en&q={WORD}"))
        assert found.status >= 500 or json.loads(found.text)["total"] > 0
        return f"search {found.status // 100}xx" + (" retried" if retried else "")
    page, retried_page = attempt(lambda: browser.get(f"/en/{ARTICLE}"))
    if page.status != 200:
        return f"article {page.status // 100}xx"
    form = {"csrf_token": page.csrf(), "slug": ARTICLE, "block": "", "helpful": "yes"}
    answer, retried = attempt(lambda: browser.post("/en/feedback", form, Accept="application/json"))
    if answer.status != 200:
        return f"vote {answer.status // 100}xx"
    counted = json.loads(answer.text)["counted"]
    # After a lost answer, "not counted again" means the first try was kept.
    kept = counted or retried
    return ("vote kept" if kept else "vote not kept") + (
        " retried" if retried or retried_page else ""
    )


def votes_in(database) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM feedback").fetchone()[0]


KILLS = 3


def test_killed_workers_lose_only_the_requests_they_were_serving(site):
    victims = []
    with site.gunicorn() as server:
        with Traffic(server.base, reader, threads=4) as traffic:
            for _ in range(KILLS):
                time.sleep(2)
                victims.append(random.choice(server.worker_pids()))
                os.kill(victims[-1], signal.SIGKILL)
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    pids = server.worker_pids()
                    if len(pids) == 2 and victims[-1] not in pids:
                        break
                    time.sleep(0.1)
                else:
                    raise AssertionError(f"no new worker after a kill: {server.log()[-2000:]}")
            time.sleep(2)  # the new workers under load too
        log = server.log()

    results = traffic.results
    retried = sum(n for kind, n in results.items() if kind.endswith("retried"))
    kept = sum(n for kind, n in results.items() if kind.startswith("vote kept"))
    print(
        f"\n{results.total()} requests, {KILLS} workers killed: {retried} lost in flight and "
        f"retried, {traffic.results['conn']} failed twice; {dict(results)}"
    )
    for victim in victims:
        assert f"Worker (pid:{victim}) was sent SIGKILL" in log
    assert log.count("Booting worker") == 2 + KILLS
    assert not [kind for kind in results if "5xx" in kind or "4xx" in kind or "not kept" in kind]
    assert results["conn"] == 0, traffic.errors  # every retry got through
    assert retried <= KILLS  # a sync worker serves one request at a time
    assert kept > 0
    assert votes_in(site.instance / "kb.sqlite3") == kept
