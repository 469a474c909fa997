"""`python -m benchmarks.real [--corpus DIR] [--queries FILE]`: our search on a real corpus, beside
plain lunr on the same pages and queries, in one run.

DIR is any folder of English and Russian Markdown (see benchmarks.real.corpus); without it, the
synthetic knowledge base of `make bench` is generated. FILE holds known-item queries as JSON lines
(`--save-queries` writes the generated ones). Nothing is downloaded: lunr comes from .cache/lunr/,
which `make bench-real` fills from the npm registry when node and npm are installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.real import corpus, known, lunr, ours
from benchmarks.real.scores import latency_line, percentiles, quality, quality_table
from harness.corpus import generate


def _ratio(theirs: float, ours_: float) -> str:
    return f"{theirs / ours_:.2f}×" if ours_ > 0 else "n/a"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of EN/RU Markdown (default: synthetic)")
    parser.add_argument("--queries", type=Path, help="known-item queries, JSON lines")
    parser.add_argument("--save-queries", type=Path, help="write the queries used to this file")
    parser.add_argument("--pages", type=int, default=200, help="pages per language to query")
    parser.add_argument("--synthetic", type=int, default=2500, help="synthetic articles per lang")
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="processes for the build"
    )
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn figures")
    parser.add_argument("--no-lunr", action="store_true", help="skip the lunr peer")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="kb-bench-real-"))
    try:
        run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> None:
    articles, index = workdir / "articles", workdir / "index"
    if args.corpus:
        copied = corpus.lay_out(args.corpus, articles)
        print(f"Corpus {args.corpus}: {copied:,} Markdown files")
    else:
        generate(articles, args.synthetic)
        print(f"Corpus: synthetic, {args.synthetic:,} articles per language (no --corpus given)")
    library, pages = corpus.load(articles)
    size = sum(len(p.body.encode()) for p in pages) / 1e6
    langs = {lang: sum(1 for p in pages if p.lang == lang) for lang in ("en", "ru")}
    print(f"  {len(pages):,} pages ({langs['en']:,} en, {langs['ru']:,} ru), {size:.1f} MB")

    queries = known.read(args.queries) if args.queries else known.known_items(pages, args.pages)
    if args.save_queries:
        known.save(queries, args.save_queries)
    print(f"  {len(queries):,} known-item queries")

    print("Building our index (a process of its own) ...", flush=True)
    built = ours.build(articles, index, args.processes)
    print("Searching in the process ...", flush=True)
    inproc = ours.in_process(index, queries)
    suggest = ours.suggestions(index, queries)
    http, rate = (None, 0.0)
    if not args.no_http:
        print("Searching over HTTP through gunicorn ...", flush=True)
        http, rate = ours.over_http(articles, index, queries, workdir)
    edit_ms = ours.edit_to_searchable(index, library)

    peer_missing = "--no-lunr" if args.no_lunr else lunr.missing()
    peer = None
    if peer_missing is None:
        print("Running plain lunr in node ...", flush=True)
        peer = lunr.run(pages, queries)

    load = os.getloadavg()[0]
    print(f"\nLoad average {load:.1f} on {os.cpu_count()} cores: above {os.cpu_count()}, others "
          "used the CPU too, and wall times grow; CPU times hold")  # fmt: skip
    print("\nBuild")
    print(f"  ours: {built.seconds:.1f} s on {built.procs} processes ({built.cpu_s:.0f} s of CPU; "
          f"loading the files took {built.load_s:.1f} s before), peak memory {built.peak_mb:.0f} MB"
          "   targets ≤ 180 s, ≤ 800 MB")  # fmt: skip
    if peer:
        print(f"  lunr: {peer.build_s:.1f} s, node RSS {peer.rss_mb:.0f} MB "
              f"(ours takes {_ratio(built.seconds, peer.build_s)} lunr's time)")  # fmt: skip

    print("\nQuality (a hit is the page or its translation)")
    tables = {"ours": quality(queries, inproc.answers)}
    if peer:
        tables["lunr"] = quality(queries, peer.answers)
    print(quality_table(tables))
    if peer and peer.failed:
        print(f"  lunr threw on {peer.failed} queries (counted as finding nothing)")

    print("\nLatency, each query once")
    print(latency_line("ours, in the process, warmed first (wall)", inproc.warmed, 10))
    print(f"  (warming took {inproc.warm_s:.2f} s, as each worker does in the background for "
          "each generation it opens; answers the same as cold: "
          f"{'yes' if inproc.same_when_warmed else 'NO'})")  # fmt: skip
    print(latency_line("ours, in the process, cold (wall)", inproc.latencies))
    print(latency_line("ours, in the process, cold (CPU)", inproc.cpu))
    for kind in known.KINDS:
        ms = [t for q, t in zip(queries, inproc.warmed, strict=True) if q.kind == kind]
        if ms:
            print(latency_line(f"  {kind}", ms))
    print(latency_line("ours, again, terms already read", inproc.again))
    if http:
        print(latency_line("ours, over HTTP through gunicorn", http.latencies, 15))
        print(f"  ours, the workers' CPU time per request over HTTP: {http.cpu[0]:.1f} ms")
        print(f"  ours, never-seen queries over HTTP, 4 at a time: {rate:,.0f}/s   target ≥ 300/s")
    print(latency_line("ours, suggestions, warmed first", suggest, 5))
    if peer:
        print(latency_line("lunr, in node's process", peer.latencies))
        theirs = percentiles(peer.latencies)
        mine = percentiles(inproc.warmed)
        print(f"  lunr ÷ ours warmed, in the process: p50 {_ratio(theirs['p50'], mine['p50'])}, "
              f"p95 {_ratio(theirs['p95'], mine['p95'])}   target p95 ≥ 3×")  # fmt: skip
        cold = percentiles(inproc.latencies)
        print(f"  lunr ÷ ours cold, in the process: p50 {_ratio(theirs['p50'], cold['p50'])}, "
              f"p95 {_ratio(theirs['p95'], cold['p95'])}")  # fmt: skip
        again = percentiles(inproc.again)
        print(f"  lunr ÷ ours again, terms already read: p50 {_ratio(theirs['p50'], again['p50'])}"
              f", p95 {_ratio(theirs['p95'], again['p95'])}")  # fmt: skip
        if http:
            web = percentiles(http.latencies)
            print(f"  lunr in-process ÷ ours over HTTP: p50 {_ratio(theirs['p50'], web['p50'])}, "
                  f"p95 {_ratio(theirs['p95'], web['p95'])}")  # fmt: skip
    else:
        print(f"  no lunr peer: {peer_missing}")
    print(f"\nAn edited article searchable in another worker: {edit_ms:.0f} ms   target ≤ 1000 ms")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n(the whole run took {time.perf_counter() - started:.0f} s)")
