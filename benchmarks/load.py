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
PostgreSQL server (`benchmarks.postgres`) instead of SQLite.

Afterwards it checks that no request failed (no 5xx, no connection error), that every record the
server acknowledged is in the database (exactly), and that the index shows every article as it
was last written; prints latency percentiles per request type and the throughput; and removes
everything it started and wrote, on Ctrl-C too. Exits 1 if a check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks.agent import Agent, Plan, Tally, percentiles
from benchmarks.corpus import generate
from benchmarks.postgres import PostgresServer, bindir
from benchmarks.queries import search_queries
from benchmarks.server import PROJECT, Gunicorn, app_env, flask, flask_command, get_json
from kb.store.db import sqlite_url

SHIPPED = PROJECT / "articles"
_TITLE = re.compile(r'^title: "(.*)"$', re.M)
KINDS = (
    "suggest",
    "search page",
    "search api",
    "article",
    "vote",
    "walkthrough start",
    "walkthrough step",
    "walkthrough form",
)
# Acknowledged record kind → the SQL that counts its rows.
RECORDS = {
    "searches": "SELECT count(*) FROM search_log",
    "article views": "SELECT count(*) FROM article_views",
    "votes": "SELECT count(*) FROM feedback",
    "walkthrough starts": "SELECT count(*) FROM usage_events WHERE event = 'start'",
    "walkthrough outcomes": "SELECT count(*) FROM usage_events WHERE event = 'outcome'",
}


def marker(n: int) -> str:
    """A made-up word that no article contains: zqaab, zqaac, ..."""
    letters = ""
    for _ in range(4):
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
    return "zq" + letters


class Churn:
    """Edits, adds and removes articles every few seconds, as editors do, and remembers which
    marker word the index must (and must no longer) find for each."""

    def __init__(self, roots: list[Path], pool: list[tuple[str, str]], every: float, seed: int):
        self.roots = roots  # each instance's copy of the articles: every change goes to each
        self.pool = pool  # (lang, slug) of articles it may edit
        self.every = every
        self.rng = random.Random(seed)
        self.originals: dict[tuple[str, str], str] = {}
        self.found: dict[tuple[str, str], str] = {}  # article → marker it must be found by
        self.gone: dict[tuple[str, str], str] = {}  # article → marker it must not be found by
        self.counts = {"edited": 0, "added": 0, "removed": 0}
        self._added: list[tuple[str, str]] = []
        self._n = 0

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self.rng.uniform(0.5, 1.5) * self.every):
            self.step()

    def step(self) -> None:
        self._n += 1
        word = marker(self._n)
        roll = self.rng.random()
        if roll < 0.2 and self._added:
            key = self._added.pop(self.rng.randrange(len(self._added)))
            for root in self.roots:
                self._path(key, root).unlink()
            self.gone[key] = self.found.pop(key)
            self.counts["removed"] += 1
        elif roll < 0.45:
            lang, base = self.rng.choice(self.pool)
            key = (lang, f"load-churn/article-{self._n}")
            text = _TITLE.sub(rf'title: "{word} \1"', self._original((lang, base)), count=1)
            self._write(key, text + f"\n\n{word}\n")
            self._added.append(key)
            self.found[key] = word
            self.counts["added"] += 1
        else:
            key = self.rng.choice(self.pool)
            if key in self.found:
                self.gone[key] = self.found[key]
            self._write(key, self._original(key) + f"\n\n{word}\n")
            self.found[key] = word
            self.counts["edited"] += 1

    @staticmethod
    def _path(key: tuple[str, str], root: Path) -> Path:
        return root / key[0] / f"{key[1]}.md"

    def _original(self, key: tuple[str, str]) -> str:
        if key not in self.originals:
            self.originals[key] = self._path(key, self.roots[0]).read_text(encoding="utf-8")
        return self.originals[key]

    def _write(self, key: tuple[str, str], text: str) -> None:
        """Write whole files only (a temporary file renamed over), as an editor's tool does."""
        for root in self.roots:
            path = self._path(key, root)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)


class Rebuilds:
    """`flask kb-index` in a subprocess at the given moments, for each instance in turn; each
    one's seconds and result."""

    def __init__(self, envs: list[dict[str, str]], at: list[float], running: threading.Event):
        self.envs = envs
        self.at = at
        self.running = running  # set while a rebuild runs
        self.done: list[tuple[float, int, str]] = []  # (seconds, exit code, last output line)
        self.process: subprocess.Popen | None = None

    def run(self, stop: threading.Event, started: float) -> None:
        for moment in self.at:
            if stop.wait(max(0.0, started + moment - time.monotonic())):
                return
            self.running.set()
            for env in self.envs:
                begin = time.monotonic()
                self.process = subprocess.Popen(
                    flask_command("kb-index"),
                    cwd=PROJECT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                out, _ = self.process.communicate()
                lines = out.strip().splitlines()
                self.done.append((time.monotonic() - begin, self.process.returncode, lines[-1:]))
            self.running.clear()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


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


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the processes `pids`, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


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


def report(title: str, tally: Tally, seconds: float, cpu: tuple[float, float]) -> None:
    """Requests by type: results, latency percentiles; throughput and CPU."""
    print(f"\n{title}")
    head = f"  {'request':<18}{'count':>7}{'2xx':>7}{'3xx':>6}{'4xx':>5}{'5xx':>5}{'conn':>5}"
    print(head + f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in KINDS:
        counts = [tally.results[kind, r] for r in ("2xx", "3xx", "4xx", "5xx", "conn")]
        if not sum(counts):
            continue
        p50, p95, p99 = tally.percentiles(kind)
        cells = "".join(f"{n:>{w}}" for n, w in zip(counts, (7, 6, 5, 5, 5), strict=True))
        print(f"  {kind:<18}{sum(counts):>7}{cells}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}")
    total = sum(tally.results.values())
    p50, p95, p99 = tally.percentiles(None)
    print(f"  {'all':<18}{total:>7}{'':>28}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}")
    for rebuilding, label in ((False, "  no rebuild"), (True, "  rebuilding")):
        if samples := tally.by_rebuild.get(rebuilding):
            p50, p95, p99 = percentiles(samples)
            print(f"  {label:<18}{len(samples):>7}{'':>28}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}")
    server, client = cpu
    print(
        f"  throughput {total / seconds:.1f} requests/s over {seconds:.0f} s; CPU used: "
        f"server {server:.2f} cores ({1000 * server * seconds / max(total, 1):.1f} ms a request), "
        f"load client {client:.2f} cores"
    )
    for note, n in sorted(tally.notes.items()):
        print(f"  note: {note}: {n}")


class Meter:
    """CPU used, in cores, by the servers' workers and by this process since the last reading."""

    def __init__(self, servers: list[Gunicorn]):
        self.servers = servers
        self.reset()

    def reset(self) -> None:
        self.pids = [pid for server in self.servers for pid in server.worker_pids()]
        self.at = time.monotonic()
        self.server_cpu = cpu_seconds(self.pids)
        self.client_cpu = time.process_time()

    def read(self) -> tuple[float, float]:
        seconds = time.monotonic() - self.at
        server = (cpu_seconds(self.pids) - self.server_cpu) / seconds
        return server, (time.process_time() - self.client_cpu) / seconds


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
        failed = verify(sites, database_url, tally, churn, rebuilds, args.workers)
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


def verify(sites, database_url, tally, churn, rebuilds, workers: int) -> list[str]:
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
    for site in sites:
        failed += verify_site(site, churn, workers)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return failed


def verify_site(site: Site, churn: Churn, workers: int) -> list[str]:
    """One instance's index, health and log, after the run."""
    failed = []
    server = site.server
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


if __name__ == "__main__":
    raise SystemExit(main())
