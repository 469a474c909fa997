"""A load run's figures: latency percentiles and results per request type, throughput, and the
CPU used by the server's workers and by the load client."""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.agent import Tally, percentiles
from harness.server import Gunicorn

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
