"""A load run's checks afterwards: no failed request, every acknowledged record in the database,
each index showing every article as last written, health and logs clean."""

from __future__ import annotations

import json
import os
import time

from sqlalchemy import create_engine, text

from benchmarks.agent import Tally
from benchmarks.editors import Churn
from harness.server import Gunicorn, get_json

# Acknowledged record kind → the SQL that counts its rows.
RECORDS = {
    "searches": "SELECT count(*) FROM search_log",
    "article views": "SELECT count(*) FROM article_views",
    "votes": "SELECT count(*) FROM feedback",
    "walkthrough starts": "SELECT count(*) FROM usage_events WHERE event = 'start'",
    "walkthrough outcomes": "SELECT count(*) FROM usage_events WHERE event = 'outcome'",
}


def check_records(database_url: str, tally: Tally) -> list[tuple[str, int, int]]:
    """(kind, acknowledged, rows) for each kind of record."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return [
                (kind, tally.acked[kind], conn.execute(text(sql)).scalar_one())
                for kind, sql in RECORDS.items()
            ]
    finally:
        engine.dispose()


def check_index(base: str, churn: Churn, wait: float = 30) -> list[str]:
    """What the index gets wrong about the articles churned, once it has had `wait` seconds to
    catch up: an article not found by its last marker, or still found by a former one."""
    deadline = time.monotonic() + wait
    while True:
        problems = []
        for expected, markers in ((True, churn.found), (False, churn.gone)):
            for (lang, slug), word in sorted(markers.items()):
                status, answer = get_json(f"{base}/api/search?lang={lang}&q={word}&limit=50")
                hits = {r["slug"] for r in answer.get("results", ())} if status == 200 else set()
                if answer.get("corrected"):  # results for another word: not found by this one
                    hits = set()
                if (slug in hits) != expected:
                    verb = "not found by its" if expected else "still found by its former"
                    problems.append(f"{lang}/{slug} {verb} word {word!r}")
        if not problems or time.monotonic() > deadline:
            return problems
        time.sleep(2)


def verify(servers, database_url, tally, churn, rebuilds, workers: int) -> list[str]:
    """Print the checks after a run; return what failed."""
    failed = []
    print(f"\nerrors: {tally.count('5xx')} 5xx, {tally.count('conn')} connection errors")
    for failure in tally.failures:
        print(f"  {failure}")
    if tally.count("5xx") + tally.count("conn"):
        failed.append("requests failed")
    print("records acknowledged by the servers / rows in the database:")
    for kind, acked, rows in check_records(database_url, tally):
        print(f"  {kind:<22}{acked:>7}{rows:>7}  {'ok' if acked == rows else 'MISMATCH'}")
        if acked != rows:
            failed.append(f"{kind}: {acked} acknowledged, {rows} rows")
    if rebuilds is not None:
        for took, code, last in rebuilds.done:
            print(f"rebuild during the run: exit {code} in {took:.1f} s: {' '.join(last)}")
            if code:
                failed.append("a rebuild failed")
        expected = len(rebuilds.at) * len(rebuilds.envs)
        if len(rebuilds.done) < expected:
            failed.append(f"{len(rebuilds.done)} rebuilds ran, not {expected}")
    changes = ", ".join(f"{n} {what}" for what, n in churn.counts.items())
    print(f"articles changed during the run: {changes}")
    for server in servers:
        failed += verify_server(server, churn, workers)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return failed


def verify_server(server: Gunicorn, churn: Churn, workers: int) -> list[str]:
    """One instance's index, health and log, after the run."""
    failed = []
    problems = check_index(server.base, churn)
    print(f"{server.base}: the index shows each changed article as last written: ", end="")
    print("no" if problems else "yes")
    for problem in problems[:20]:
        print(f"  {problem}")
    if problems:
        failed.append(f"{len(problems)} articles wrong in the index of {server.base}")
    status, health = get_json(server.base + "/healthz")
    print(f"  /healthz after the run: {status} {json.dumps(health, ensure_ascii=False)}")
    if health.get("status") != "ok":
        failed.append(f"/healthz of {server.base} is not ok")
    log = server.log()
    booted = log.count("Booting worker")
    print(
        f"  server log: {log.count('Traceback')} tracebacks, {log.count('WORKER TIMEOUT')} "
        f"worker time-outs, {log.count('degraded:')} faults, {booted} workers booted "
        f"({workers} at start)"
    )
    if "Traceback" in log or "degraded:" in log or booted != workers:
        failed.append(f"the log of {server.base} shows errors")
        print(log[-4000:])
    return failed
