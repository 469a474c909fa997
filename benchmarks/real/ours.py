"""Our search measured three ways: in the process (what the engine costs), over HTTP through
gunicorn as `make serve` runs it (what an agent waits), and an edited article's way into search."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from benchmarks.real.known import Query
from harness.server import PROJECT, Gunicorn, app_env
from kb.content import Library
from kb.content.loader import read_article
from kb.search_engine import build_engine


@dataclass
class Build:
    seconds: float
    cpu_s: float  # the build's own CPU time, its workers' included
    peak_mb: float  # resident memory of the build and its workers together
    load_s: float
    procs: int


@dataclass
class Timings:
    latencies: list[float] = field(default_factory=list)  # wall ms, one per query
    cpu: list[float] = field(default_factory=list)  # CPU ms, one per query
    answers: list[list[str]] = field(default_factory=list)
    again: list[float] = field(default_factory=list)  # wall ms, the same queries searched again
    warmed: list[float] = field(default_factory=list)  # wall ms, each once after warming
    warm_s: float = 0.0  # the warming that came first (wall seconds, one core)
    same_when_warmed: bool = True  # the warmed engine gave the same answers


def build(articles: Path, index: Path, procs: int) -> Build:
    """A full build in a process of its own (benchmarks.real.build)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.real.build", str(articles), str(index), str(procs)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the index build failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return Build(out["build_s"], out["cpu_s"], out["peak_mb"], out["load_s"], out["procs"])


def in_process(index: Path, queries: list[Query]) -> Timings:
    """Every query once on a fresh engine that has read nothing ahead (cold), then again with no
    result remembered; and every query once on another fresh engine, warmed first as the site
    warms each generation it opens."""
    out = Timings()
    engine = build_engine(index)
    engine.search("warm up прогрев", "en")  # opens the index, loads the Russian dictionaries
    for q in queries:
        wall, cpu = time.perf_counter(), time.process_time()
        results = engine.search(q.text, q.lang, limit=10)
        out.latencies.append((time.perf_counter() - wall) * 1000)
        out.cpu.append((time.process_time() - cpu) * 1000)
        out.answers.append([hit.slug for hit in results.hits])
    # Again, no result remembered but the terms, passages and words read: the fixed cost of a
    # query, as a worker that has been answering for a while pays it.
    for q in queries:
        engine.forget_results()
        wall = time.perf_counter()
        engine.search(q.text, q.lang, limit=10)
        out.again.append((time.perf_counter() - wall) * 1000)
    engine.close()
    engine = build_engine(index)
    engine.search("warm up прогрев", "en")
    start = time.perf_counter()
    engine.warm(pause=0)
    out.warm_s = time.perf_counter() - start
    for q, cold in zip(queries, out.answers, strict=True):
        wall = time.perf_counter()
        results = engine.search(q.text, q.lang, limit=10)
        out.warmed.append((time.perf_counter() - wall) * 1000)
        out.same_when_warmed &= [hit.slug for hit in results.hits] == cold
    engine.close()
    return out


def suggestions(index: Path, queries: list[Query]) -> list[float]:
    """Search-as-you-type: the first 2 to 8 characters of every title query, each typed once,
    on a fresh engine warmed first as the site warms it."""
    engine = build_engine(index)
    engine.suggest("warm", "en")
    engine.warm(pause=0)
    prefixes = {(q.text[:n], q.lang) for q in queries if q.kind == "title" for n in range(2, 9, 2)}
    out = []
    for text, lang in sorted(prefixes):
        start = time.perf_counter()
        engine.suggest(text, lang)
        out.append((time.perf_counter() - start) * 1000)
    engine.close()
    return out


def edit_to_searchable(index: Path, library: Library) -> float:
    """ms from saving an edited article to another worker's engine finding its new word."""
    writer, other = build_engine(index), build_engine(index)
    other.search("warm up прогрев", "en")
    article = sorted(library.articles.values(), key=lambda a: a.key)[len(library.articles) // 2]
    word = "zebrafinch" if article.lang == "en" else "зеброзяблик"
    article.path.write_text(article.path.read_text() + f"\n\nNew word: {word}.\n")
    start = time.perf_counter()
    fresh, _ = read_article(article.path, article.lang, article.slug, article.slug)
    writer.sync(replace(library, articles={**library.articles, article.key: fresh}))
    while not other.search(word, article.lang).total:
        if time.perf_counter() - start > 30:
            raise RuntimeError("the edited article never became searchable")
    took = (time.perf_counter() - start) * 1000
    writer.close()
    other.close()
    return took


def _path(q: Query) -> str:
    return f"/api/search?lang={q.lang}&limit=10&q={quote(q.text)}"


def _get(base: str, q: Query) -> tuple[float, list[str]]:
    start = time.perf_counter()
    with urllib.request.urlopen(base + _path(q), timeout=60) as response:
        body = json.load(response)
    return (time.perf_counter() - start) * 1000, [r["slug"] for r in body["results"]]


def _serve(articles: Path, index: Path, workdir: Path, name: str, workers: int) -> Gunicorn:
    instance = workdir / name
    shutil.copytree(index, instance / "index", symlinks=True)
    env = app_env(articles, instance, KB_WATCH_INTERVAL="0")
    return Gunicorn(env, workdir / f"{name}.log", workers=workers)


def _cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes `pids` have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of stat
    return total / os.sysconf("SC_CLK_TCK")


def _settled(pids: list[int], quiet: float = 0.5, limit: float = 120.0) -> None:
    """Wait until the workers have finished warming the index (KB_SEARCH_WARM, on as the site
    runs): until they use almost no CPU for `quiet` seconds."""
    deadline = time.monotonic() + limit
    before = _cpu_seconds(pids)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = _cpu_seconds(pids)
        if now - before < 0.02:
            return
        before = now


def over_http(
    articles: Path, index: Path, queries: list[Query], workdir: Path, workers: int = 2
) -> tuple[Timings, float]:
    """(each query once, one at a time, with the workers' CPU time per request; never-seen
    queries per second, 4 at a time), each on a freshly started gunicorn so that no answer comes
    from a cache, once its workers have warmed the index as the site does."""
    out = Timings()
    with _serve(articles, index, workdir, "http-latency", workers) as server:
        for q in queries[:20]:  # every worker opens the index and loads the dictionaries
            _get(server.base, replace(q, text=q.text + " warm"))
        pids = server.worker_pids()
        _settled(pids)
        before = _cpu_seconds(pids)
        for q in queries:
            ms, slugs = _get(server.base, q)
            out.latencies.append(ms)
            out.answers.append(slugs)
        used = _cpu_seconds(pids) - before
        out.cpu = [1000 * used / len(queries)] * len(queries)  # only the mean is known
    with _serve(articles, index, workdir, "http-rate", workers) as server:
        for q in queries[:20]:
            _get(server.base, replace(q, text=q.text + " warm"))
        _settled(server.worker_pids())
        start = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda q: _get(server.base, q), queries))
        rate = len(queries) / (time.perf_counter() - start)
    return out, rate
