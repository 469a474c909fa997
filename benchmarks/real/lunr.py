"""The peer: plain lunr.js (pinned, from the npm registry) run in-process by node over the same
pages and queries. `make bench-real` installs it into .cache/lunr/ when node and npm are there."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.real.corpus import Page
from benchmarks.real.known import Query

PROJECT = Path(__file__).resolve().parents[2]
MODULES = PROJECT / ".cache" / "lunr" / "node_modules"
SCRIPT = Path(__file__).with_name("lunr_peer.js")


@dataclass
class LunrRun:
    build_s: float
    rss_mb: float
    latencies: list[float]  # ms, one per query
    answers: list[list[str]]  # slugs found, best first, one list per query
    failed: int  # queries lunr threw on


def missing() -> str | None:
    """Why the peer cannot run here, or None."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (MODULES / "lunr").is_dir() or not (MODULES / "lunr-languages").is_dir():
        return "lunr is not installed (make bench-real installs it when npm is there)"
    return None


def run(pages: list[Page], queries: list[Query]) -> LunrRun:
    """Index `pages` with lunr, search every query once, return the figures."""
    payload = {
        "pages": [{"id": f"{p.lang}:{p.slug}", "title": p.title, "body": p.body} for p in pages],
        "queries": [q.text for q in queries],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False)
        handle.flush()
        done = subprocess.run(
            ["node", "--max-old-space-size=8192", "--expose-gc", str(SCRIPT), handle.name],
            env={"LUNR_MODULES": str(MODULES), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=3600,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the lunr peer failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout)
    results = out["results"]
    return LunrRun(
        build_s=out["build_ms"] / 1000,
        rss_mb=out["rss_mb"],
        latencies=[r["ms"] for r in results],
        answers=[[ref.split(":", 1)[1] for ref in r["refs"]] for r in results],
        failed=sum(r["failed"] for r in results),
    )
