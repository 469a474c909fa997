"""The load run: `python -m benchmarks.load [--minutes N] [--agents N] [--instances N]
[--postgresql]`.

Copies the shipped articles and generates more beside them (500 per language by default) in a
temporary folder, builds the index, starts gunicorn (two workers a core, as `make serve`) on
127.0.0.1 and lets N simulated agents work for N minutes (`benchmarks.agent`). Meanwhile
articles are edited, added and removed every few seconds and the whole index is rebuilt twice
with `flask kb-index`. With `--instances 2` two servers, each over its own copy of the articles
(every change is written to each copy, as a `git pull` on each machine would) and its own index,
share one database and one secret key; each agent's requests go to them in turn, as a load
balancer without stickiness sends them. `--postgresql` puts that database on a throw-away
PostgreSQL server (`harness.postgres`) instead of SQLite.

Afterwards it checks that no request failed (no 5xx, no connection error), that every record the
server acknowledged is in the database (exactly), and that the index shows every article as it
was last written; prints latency percentiles per request type and the throughput; and removes
everything it started and wrote, on Ctrl-C too. Exits 1 if a check failed.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.agent import Agent, Plan, Tally
from benchmarks.checks import verify
from benchmarks.editors import Churn, Rebuilds
from benchmarks.figures import Meter, report
from benchmarks.queries import search_queries
from harness.corpus import generate
from harness.postgres import PostgresServer, bindir
from harness.server import PROJECT, Gunicorn, app_env, flask
from kb.store.db import sqlite_url

SHIPPED = PROJECT / "articles"


def walkthrough_paths(root: Path) -> list[str]:
    """The page of every walkthrough in the shipped articles, in both languages."""
    paths = []
    for path in sorted(root.glob("*/*.md")):
        lang, slug = path.parent.name, path.stem
        for line in path.read_text(encoding="utf-8").split("```walkthrough\n")[1:]:
            block = line.split("\n", 1)[0].removeprefix("id:").strip()
            paths.append(f"/{lang}/{slug}/guide/{block}")
    return paths


def article_keys(root: Path) -> list[tuple[str, str]]:
    """(lang, slug) of every article under `root`."""
    keys = []
    for path in root.glob("*/**/*.md"):
        lang, *parts = path.relative_to(root).with_suffix("").parts
        keys.append((lang, "/".join(parts)))
    return sorted(keys)


def steady(args, servers, plan, churn, rebuilds, stop, tally) -> Tally:
    """`--agents` agents for `--minutes`, articles changing, the index rebuilt twice."""
    seconds = args.minutes * 60
    meter = Meter(servers)
    started = time.monotonic()
    bases = [server.base for server in servers]
    agents = [
        threading.Thread(target=Agent(bases, plan, tally, stop, seed=i).run, daemon=True)
        for i in range(args.agents)
    ]
    others = [
        threading.Thread(target=churn.run, args=(stop,), daemon=True),
        threading.Thread(target=rebuilds.run, args=(stop, started), daemon=True),
    ]
    for thread in agents + others:
        thread.start()
    print(f"{args.agents} agents at work for {seconds:.0f} s on {', '.join(bases)} ...", flush=True)
    stop.wait(seconds)
    stop.set()
    for thread in agents:
        thread.join(timeout=120)
    elapsed, cpu = time.monotonic() - started, meter.read()
    for thread in others:  # a rebuild still running is waited for
        thread.join(timeout=600)
    title = (
        f"{args.agents} agents, mean think time {args.think:g} s, {describe(args)} on "
        f"{os.cpu_count()} cores, articles changing, index rebuilt {len(rebuilds.done)} times"
    )
    report(title, tally, elapsed, cpu)
    return tally


def describe(args) -> str:
    """The servers and the database, in words."""
    servers = f"gunicorn with {args.workers} workers"
    if args.instances > 1:
        servers = f"{args.instances} instances, each {servers},"
    return f"{servers} one {'PostgreSQL' if args.postgresql else 'SQLite'} database"


def ramp(args, servers, plan, churn, stop) -> Tally:
    """More agents stage by stage (no rebuilds), to see where throughput stops growing."""
    stages = [int(n) for n in args.ramp.split(",")]
    tallies: list[Tally] = []
    agents: list[Agent] = []
    threads = [threading.Thread(target=churn.run, args=(stop,), daemon=True)]
    threads[0].start()
    print(f"\n{'agents':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}", end="")
    print(f"{'search p95':>12}{'5xx':>5}{'conn':>5}{'server CPU':>12}{'ms/req':>8}", end="")
    print(f"{'client CPU':>12}{'load avg':>10}")
    for count in stages:
        tally = Tally()
        tallies.append(tally)
        for agent in agents:
            agent.tally = tally
        while len(agents) < count:
            bases = [server.base for server in servers]
            agents.append(Agent(bases, plan, tally, stop, seed=len(agents)))
            threads.append(threading.Thread(target=agents[-1].run, daemon=True))
            threads[-1].start()
        meter = Meter(servers)
        if stop.wait(args.stage_seconds):
            break
        server_cpu, client_cpu = meter.read()
        p50, p95, p99 = tally.percentiles(None)
        rate = sum(tally.results.values()) / args.stage_seconds
        errors = f"{tally.count('5xx'):>5}{tally.count('conn'):>5}"
        print(f"{count:>7}{rate:>8.1f}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}", end="")
        print(f"{tally.percentiles('search page')[1]:>12.1f}{errors}", end="")
        print(f"{server_cpu:>12.2f}{1000 * server_cpu / max(rate, 0.1):>8.1f}", end="")
        print(f"{client_cpu:>12.2f}{os.getloadavg()[0]:>10.1f}", flush=True)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return Tally.merged(tallies)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3, help="how long the agents work")
    parser.add_argument("--agents", type=int, default=300, help="concurrent simulated agents")
    parser.add_argument("--think", type=float, default=4.0, help="mean seconds between actions")
    parser.add_argument("--per-lang", type=int, default=500, help="generated articles per language")
    parser.add_argument(
        "--workers", type=int, default=2 * os.cpu_count(), help="gunicorn workers (as make serve)"
    )
    parser.add_argument("--churn-every", type=float, default=3.0, help="seconds between edits")
    parser.add_argument(
        "--ramp", help="agents per stage, as 25,50,100: find the saturation point (no rebuilds)"
    )
    parser.add_argument("--stage-seconds", type=float, default=45, help="length of a stage")
    parser.add_argument("--instances", type=int, default=1, help="servers sharing one database")
    parser.add_argument(
        "--postgresql", action="store_true", help="the database on a throw-away PostgreSQL server"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, `kill`, a time-out: clean up
        signal.signal(signum, _interrupt)
    workdir = Path(tempfile.mkdtemp(prefix="kb-load-"))
    stop = threading.Event()
    postgres = rebuilds = None
    sites: list[Site] = []
    try:
        source = workdir / "articles"
        shutil.copytree(SHIPPED, source)
        topics = generate(source, args.per_lang, seed=args.seed)
        keys = article_keys(source)
        if args.postgresql:
            postgres = PostgresServer(bindir())
            postgres.start()
            database_url = postgres.database_url("kb_load")
        else:
            database_url = sqlite_url(workdir / "kb.sqlite3")
        shared = {"DATABASE_URL": database_url, "KB_SECRET_KEY": secrets.token_hex(32)}
        for n in range(1, args.instances + 1):
            sites.append(Site.start(workdir / f"instance-{n}", source, shared, args.workers))
        print(f"{len(keys):,} articles; {describe(args)}")
        servers = [site.server for site in sites]
        plan = Plan(
            queries=search_queries(topics, 400, seed=args.seed),
            articles=keys,
            walkthroughs=walkthrough_paths(SHIPPED),
            think=args.think,
        )
        rng = random.Random(args.seed)
        generated = [k for k in keys if k[1].count("/") == 1]
        roots = [site.articles for site in sites]
        churn = Churn(roots, rng.sample(generated, 40), args.churn_every, args.seed)
        if args.ramp:
            tally = ramp(args, servers, plan, churn, stop)
        else:
            seconds = args.minutes * 60
            tally = Tally()
            envs = [site.env for site in sites]
            rebuilds = Rebuilds(envs, [seconds / 3, 2 * seconds / 3], tally.rebuilding)
            tally = steady(args, servers, plan, churn, rebuilds, stop, tally)
        failed = verify(servers, database_url, tally, churn, rebuilds, args.workers)
        print("\nFAILED: " + "; ".join(failed) if failed else "\nPASSED: every check")
        return 1 if failed else 0
    except KeyboardInterrupt:
        print("\ninterrupted: cleaning up")
        return 130
    finally:
        stop.set()
        if rebuilds is not None:
            rebuilds.kill()
        for site in sites:
            site.server.stop()
        if postgres is not None:
            postgres.stop()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@dataclass
class Site:
    """One instance: its own copy of the articles, instance folder (index) and server."""

    articles: Path
    env: dict[str, str]
    server: Gunicorn

    @classmethod
    def start(cls, root: Path, source: Path, shared: dict[str, str], workers: int) -> Site:
        """Copy the articles, build the index, start gunicorn."""
        articles = root / "articles"
        shutil.copytree(source, articles)
        env = app_env(articles, root / "instance", KB_WATCH_INTERVAL="1", **shared)
        built = flask(env, "kb-index")
        if built.returncode:
            raise RuntimeError(f"kb-index failed:\n{built.stdout}{built.stderr}")
        print(f"{root.name}: {built.stdout.strip()}")
        server = Gunicorn(env, root / "gunicorn.log", workers=workers)
        return cls(articles, env, server.start())


if __name__ == "__main__":
    raise SystemExit(main())
