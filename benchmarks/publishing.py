"""How fast a publish in the browser reaches agents: `python -m benchmarks.publishing
[--rounds N] [--interval S] [--postgresql]`.

Two instances over one records database (SQLite, or a throw-away PostgreSQL server), each with
its own copy of the shipped articles, index and instance folder, watching its folder every
`--interval` seconds (the default of KB_WATCH_INTERVAL). An editor publishes a new word into an
article on the first, N times (after one publish not counted: a process's first search and
render load what they need); the figures are the publish request itself, and the time until the
new word is on the article page and found by search on each instance. Prints figures with
their target (2 s); it asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.run import Figure
from kb.store.editors import create_editor
from kb.web import create_app

SHIPPED = Path(__file__).resolve().parent.parent / "articles"
ARTICLES = ["transfer-to-retention", "call-next-process", "retention-did-porting"]
PASSWORD = "a long enough password"
TARGET = 2000.0  # ms


def _app(root: Path, name: str, database_url: str, interval: float):
    articles = root / name / "articles"
    shutil.copytree(SHIPPED, articles)
    return create_app(
        {
            "KB_ARTICLES_DIR": articles,
            "KB_INSTANCE_DIR": root / name / "instance",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "benchmark",
            "KB_WATCH_INTERVAL": interval,
            "KB_ROLLUP_CHECK_INTERVAL": 0,
        }
    )


def _signed_in(app):
    client = app.test_client()
    page = client.get("/en/editors/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    client.post(
        "/en/editors/login", data={"name": "bench", "password": PASSWORD, "csrf_token": token}
    )
    return client


def _until(check, limit: float = 10.0) -> float:
    """Milliseconds until `check()` is true (polling every 10 ms), or `limit` seconds."""
    started = time.perf_counter()
    while not check() and time.perf_counter() - started < limit:
        time.sleep(0.01)
    return (time.perf_counter() - started) * 1000


def measure(rounds: int, interval: float, database_url: str, root: Path) -> list[Figure]:
    one, two = (_app(root, name, database_url, interval) for name in ("one", "two"))
    create_editor(one.extensions["kb_store"], "bench", PASSWORD)
    editor = _signed_in(one)
    agent_one, agent_two = one.test_client(), two.test_client()
    samples: dict[str, list[float]] = {k: [] for k in ("request", "one", "two", "two-page")}
    try:
        for n in range(rounds + 1):  # round 0 warms up: a process's first search and render
            slug = ARTICLES[n % len(ARTICLES)]
            word = f"benchword{n}x{int(time.time())}"
            url = f"/en/editors/edit/en/{slug}"
            page = editor.get(url).get_data(as_text=True)
            text = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)[1])
            data = {
                "text": f"{text}\n{word}\n",
                "token": re.search(r'name="token" value="([^"]+)"', page)[1],
                "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page)[1],
                "action": "publish",
            }
            started = time.perf_counter()
            assert editor.post(url, data=data).status_code == 302
            samples["request"].append((time.perf_counter() - started) * 1000)

            def found(agent, word=word, slug=slug):
                return f"/en/{slug}" in agent.get(f"/en/search?q={word}").get_data(as_text=True)

            since = (time.perf_counter() - started) * 1000
            samples["one"].append(since + _until(lambda a=agent_one: found(a)))
            since = (time.perf_counter() - started) * 1000
            samples["two-page"].append(
                since
                + _until(
                    lambda w=word, s=slug: w in agent_two.get(f"/en/{s}").get_data(as_text=True)
                )
            )
            since = (time.perf_counter() - started) * 1000
            samples["two"].append(since + _until(lambda a=agent_two: found(a)))
            if n == 0:
                for values in samples.values():
                    values.clear()
    finally:
        for app in (one, two):
            app.extensions["kb_content"].stop()
            app.extensions["kb_store"].dispose()
    names = {
        "request": ("publish request (write, re-index here)", None),
        "one": ("searchable on the same instance", TARGET),
        "two-page": ("on the other instance's page", TARGET),
        "two": ("searchable on the other instance", TARGET),
    }
    figures = []
    for key, (name, target) in names.items():
        values = sorted(samples[key])
        figures.append(Figure(f"{name} p50", statistics.median(values), "ms"))
        figures.append(Figure(f"{name} max", values[-1], "ms", target))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--interval", type=float, default=1.0, help="KB_WATCH_INTERVAL")
    parser.add_argument("--postgresql", action="store_true", help="a throw-away PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-publish-") as folder:
        root = Path(folder)
        server = None
        if args.postgresql:
            from harness.postgres import PostgresServer, bindir

            server = PostgresServer(bindir())
            server.start()
            url = server.database_url("kb_publish_bench")
        else:
            url = f"sqlite:///{root / 'kb.sqlite3'}"
        try:
            kind = "PostgreSQL" if server else "SQLite"
            print(
                f"publishing, {args.rounds} rounds, two instances on {kind}, "
                f"watching every {args.interval:g} s"
            )
            for figure in measure(args.rounds, args.interval, url, root):
                print(figure.line())
        finally:
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
