"""A full index build in a process of its own, so that its time and memory are its own:
`python -m benchmarks.real.build ARTICLES INDEX [PROCESSES]` prints one JSON line. Peak memory is
the largest sum of the proportional set size (PSS: resident memory, pages shared by forked workers
counted once) of this process and its workers, sampled every 50 ms."""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

from kb.content import load_library
from kb.search_engine import build_engine


def tree_memory(root: int) -> int:
    """Bytes of memory `root` and its children (the index workers) use (PSS)."""
    total = 0
    pids = [root]
    try:
        pids += [int(p) for p in Path(f"/proc/{root}/task/{root}/children").read_text().split()]
    except OSError:
        pass
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(rollup.split("\nPss:", 1)[1].split()[0]) * 1024
        except (OSError, IndexError, ValueError):
            pass
    return total


class PeakMemory(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, tree_memory(os.getpid()))
            time.sleep(0.05)


def main(articles: str, index: str, procs: str = "1") -> None:
    sampler = PeakMemory()
    sampler.start()
    start = time.perf_counter()
    library = load_library(Path(articles))
    loaded = time.perf_counter() - start
    engine = build_engine(Path(index))
    start = time.perf_counter()
    engine.rebuild(library, procs=int(procs))
    built = time.perf_counter() - start
    engine.close()
    sampler.running = False
    sampler.join()
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
    figures = {"articles": len(library.articles), "load_s": loaded, "build_s": built}
    print(json.dumps(figures | {"procs": int(procs), "cpu_s": cpu, "peak_mb": sampler.peak / 1e6}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
