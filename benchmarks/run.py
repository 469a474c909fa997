"""The search benchmark: `python -m benchmarks.run [--per-lang N]`.

Generates a knowledge base of N articles per language (default 2,500) in a temporary folder,
indexes it, and prints the figures the search library must meet, each with its target.
Benchmarks print figures; tests never assert timings.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks import distractors, http
from benchmarks.queries import Query, search_queries, suggest_prefixes
from harness.corpus import generate
from kb.content import Library, load_library
from kb.content.loader import read_article
from kb.search.synonyms import file_name
from kb.search_engine import build_engine

SHIPPED = Path(__file__).resolve().parent.parent / "articles"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None  # the figure must be at most this (at least, with `at_least`)
    at_least: bool = False

    def line(self) -> str:
        shown = f"{self.value:,.1f} {self.unit}"
        if self.target is None:
            return f"  {self.name:<46} {shown:>14}"
        ok = self.value >= self.target if self.at_least else self.value <= self.target
        sign = "≥" if self.at_least else "≤"
        verdict = "PASS" if ok else "MISS"
        return (
            f"  {self.name:<46} {shown:>14}   target {sign} {self.target:g} {self.unit}  {verdict}"
        )


@dataclass
class Context:
    """What the benchmark built, for figures measured elsewhere (see `http_figures`)."""

    articles: Path
    index: Path
    library: Library
    queries: list[Query]
    fresh_queries: list[Query]  # none of `queries`: for figures that must not hit a cache


def _percentiles(name: str, samples: list[float], target_p95: float | None) -> list[Figure]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return [
        Figure(f"{name} p50", cuts[49], "ms"),
        Figure(f"{name} p95", cuts[94], "ms", target_p95),
        Figure(f"{name} p99", cuts[98], "ms"),
    ]


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _disk_size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _cpu_timed(call: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, CPU ms): on a busy machine the two part, and CPU time is the query's own cost."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def searching(ctx: Context) -> list[Figure]:
    """Every query once on a fresh engine (as a new worker sees them), then all again; and once
    on another fresh engine, warmed first as the site warms each generation it opens."""
    engine = build_engine(ctx.index, synonyms=ctx.articles)
    engine.search("warm up прогрев", "en")  # the first Russian word loads the dictionaries
    timings = [_cpu_timed(lambda q=q: engine.search(q.text, q.lang)) for q in ctx.queries]
    first = [wall for wall, _ in timings]
    again = [_timed(lambda q=q: engine.search(q.text, q.lang)) for q in ctx.queries]
    found = sum(1 for q in ctx.queries if engine.search(q.text, q.lang).total)
    by_kind: dict[str, list[float]] = {}
    for q, ms in zip(ctx.queries, first, strict=True):
        by_kind.setdefault(q.kind, []).append(ms)
    figures = _percentiles("search with highlights", first, 25)
    figures += _percentiles("  the same in CPU time", [cpu for _, cpu in timings], 25)[1:2]
    figures += [
        Figure(f"  {kind} p95", statistics.quantiles(ms, n=20)[-1], "ms")
        for kind, ms in sorted(by_kind.items())
    ]
    figures.append(Figure("queries that found something", 100 * found / len(ctx.queries), "%"))
    figures += [_percentiles("repeated query", again, 2)[1]]
    engine.close()
    warmed = build_engine(ctx.index, synonyms=ctx.articles)
    warmed.search("warm up прогрев", "en")
    took = _timed(lambda: warmed.warm(pause=0)) / 1000
    figures.append(Figure("warming a generation (one core)", took, "s"))
    after = [_timed(lambda q=q: warmed.search(q.text, q.lang)) for q in ctx.queries]
    figures += _percentiles("search with highlights, warmed first", after, 25)
    warmed.close()
    return figures


def suggesting(ctx: Context, prefixes: list[Query]) -> list[Figure]:
    engine = build_engine(ctx.index, synonyms=ctx.articles)
    engine.suggest("wa", "en")
    engine.warm(pause=0)  # as the site warms each generation it opens
    timings = [_cpu_timed(lambda q=q: engine.suggest(q.text, q.lang)) for q in prefixes]
    engine.close()
    figures = _percentiles("suggest, warmed first", [wall for wall, _ in timings], 10)
    return figures + _percentiles("  the same in CPU time", [cpu for _, cpu in timings], 10)[1:2]


def change_to_searchable(ctx: Context) -> list[Figure]:
    """Edit an article, sync, and time until another worker's engine finds the new word."""
    writer, other = (
        build_engine(ctx.index, synonyms=ctx.articles),
        build_engine(ctx.index, synonyms=ctx.articles),
    )
    other.search("warm up прогрев", "ru")
    article = sorted(ctx.library.articles.values(), key=lambda a: a.slug)[
        len(ctx.library.articles) // 2
    ]
    word = "zebrafinch" if article.lang == "en" else "зеброзяблик"
    article.path.write_text(article.path.read_text() + f"\n\nНовое слово: {word}.\n")
    start = time.perf_counter()
    fresh, _ = read_article(article.path, article.lang, article.slug, article.slug)
    library = replace(ctx.library, articles={**ctx.library.articles, article.key: fresh})
    writer.sync(library)
    synced = (time.perf_counter() - start) * 1000
    while not other.search(word, article.lang).total:
        if time.perf_counter() - start > 30:
            raise RuntimeError("the changed article never became searchable")
    visible = (time.perf_counter() - start) * 1000
    writer.close()
    other.close()
    return [
        Figure("sync of one changed article", synced, "ms"),
        Figure("changed article searchable (other worker)", visible, "ms", 2000),
    ]


def memory(ctx: Context) -> list[Figure]:
    """Python allocations of one worker's engine after it has served every query."""
    gc.collect()
    tracemalloc.start()
    engine = build_engine(ctx.index, synonyms=ctx.articles)
    for q in ctx.queries:
        engine.search(q.text, q.lang)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    engine.close()
    return [
        Figure("engine memory after all queries (tracemalloc)", current / 1e6, "MB"),
        Figure("engine memory peak (tracemalloc)", peak / 1e6, "MB"),
        Figure(
            "process peak RSS, build included",
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "MB",
        ),
    ]


def http_figures(ctx: Context) -> list[Figure]:
    """Requests per second of the search endpoint under gunicorn, beside a trivial endpoint."""
    queries = [(q.text, q.lang) for q in ctx.queries]
    fresh = [(q.text, q.lang) for q in ctx.fresh_queries]
    rows = http.http_figures(ctx.articles, ctx.index, queries, fresh)
    return [Figure(name, value, unit, target, at_least=True) for name, value, unit, target in rows]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-lang", type=int, default=2500, help="articles per language")
    parser.add_argument("--procedures", type=int, default=250, help="procedures per language")
    parser.add_argument("--queries", type=int, default=420, help="distinct search queries")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        articles, index = workdir / "articles", workdir / "index"
        start = time.perf_counter()
        topics = generate(articles, args.per_lang)
        # Procedures with decision tables and walkthroughs (rows and steps are passages too),
        # and the shipped synonyms files: the index and the search agents use.
        distractors.generate(articles, args.procedures)
        for lang in ("en", "ru"):
            shutil.copy(SHIPPED / file_name(lang), articles / file_name(lang))
        took = time.perf_counter() - start
        print(f"Generated {args.per_lang:,} articles per language in {took:.0f} s")
        start = time.perf_counter()
        library = load_library(articles)
        print(f"Loaded {len(library.articles):,} articles in {time.perf_counter() - start:.1f} s")
        engine = build_engine(index, synonyms=articles)
        build = _timed(lambda: engine.rebuild(library)) / 1000
        engine.close()
        queries = search_queries(topics, args.queries)
        seen = {(q.text, q.lang) for q in queries}
        others = search_queries(topics, 2 * args.queries, seed=97)
        fresh = [q for q in others if (q.text, q.lang) not in seen][: args.queries]
        ctx = Context(articles, index, library, queries, fresh)
        figures = [
            Figure("full index build", build, "s"),
            Figure("index size on disk", _disk_size(index), "MB"),
            *searching(ctx),
            *suggesting(ctx, suggest_prefixes(topics, 300)),
            *change_to_searchable(ctx),
            *memory(ctx),
            *http_figures(ctx),
        ]
        load = os.getloadavg()[0]
        print(f"\n{len(ctx.queries)} search queries, 300 suggest prefixes, one process")
        cores = os.cpu_count()
        print(f"(load average {load:.1f} on {cores} cores: above {cores}, others used the CPU)\n")
        print("\n".join(f.line() for f in figures))
    finally:
        if args.keep:
            print(f"\nKept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
