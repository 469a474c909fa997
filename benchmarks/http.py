"""HTTP figures: the search endpoint under gunicorn (2 workers) measured by wrk, beside /healthz."""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

WRK_SECONDS = 15
WRK_CONNECTIONS = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds:.0f} s")


def _lua_rotating_paths(paths: list[str]) -> str:
    """A wrk script that sends each request to the next path of the list."""
    quoted = ",\n".join(f'  "{p}"' for p in paths)
    return (
        f"local paths = {{\n{quoted}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )


def _wrk(base: str, path: str, script: Path | None) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run(
        [*command, base + path], capture_output=True, text=True, timeout=WRK_SECONDS + 60
    ).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)", out, re.M)
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
        figures[f"p{pct}"] = float(m.group(1)) * scale
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] = float(errors.group(1)) if errors else 0.0
    return figures


def _one_pass(base: str, paths: list[str], concurrency: int = WRK_CONNECTIONS) -> dict[str, float]:
    """Each path once, `concurrency` at a time: no request can be answered from a cache."""
    latencies: list[float] = []

    def fetch(path: str) -> None:
        start = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        latencies.append((time.perf_counter() - start) * 1000)

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(fetch, paths))
    elapsed = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"rps": len(paths) / elapsed, "p50": cuts[49], "p99": cuts[98]}


def http_figures(
    articles: Path, index: Path, queries: list[tuple[str, str]], fresh: list[tuple[str, str]]
) -> list[tuple]:
    """(name, value, unit, at-least target) rows; empty, with a note, when wrk is missing."""
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk): no HTTP figures")
        return []
    instance = Path(tempfile.mkdtemp(prefix="kb-bench-instance-"))
    index.rename(instance / "index")  # the app finds its index in the instance folder
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KB_ARTICLES_DIR": str(articles), "KB_INSTANCE_DIR": str(instance)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:app"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(instance / "gunicorn.log").open("w"),
    )
    try:
        _wait_until_up(base + "/healthz")
        paths = [f"/api/search?lang={lang}&q={quote(text)}" for text, lang in queries]
        for path in paths:  # one pass warms both workers' dictionaries; wrk then sees the cache
            urllib.request.urlopen(base + path, timeout=30).read()
        script = instance / "rotate.lua"
        script.write_text(_lua_rotating_paths(paths))
        trivial = _wrk(base, "/healthz", None)
        search = _wrk(base, paths[0], script)
        uncached = _one_pass(base, [f"/api/search?lang={lg}&q={quote(t)}" for t, lg in fresh])
    except Exception:
        print((instance / "gunicorn.log").read_text()[-3000:])
        raise
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(instance, ignore_errors=True)
    return [
        ("HTTP /healthz (trivial)", trivial["rps"], "req/s", None),
        ("HTTP /api/search, repeated queries", search["rps"], "req/s", 150),
        ("HTTP /api/search, repeated queries p99", search["p99"], "ms", None),
        (f"HTTP /api/search, {len(fresh)} new queries once", uncached["rps"], "req/s", 150),
        ("HTTP /api/search, new queries p50", uncached["p50"], "ms", None),
        ("HTTP /api/search, new queries p99", uncached["p99"], "ms", None),
        ("HTTP responses other than 2xx", search["errors"], "", None),
    ]
