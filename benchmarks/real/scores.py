"""Quality (success@1/3/10 and MRR@10 by kind and language) and latency percentiles, as tables."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from benchmarks.real.known import KINDS, Query

CUTS = (1, 3, 10)


def rank(answers: Sequence[str], slug: str) -> int | None:
    """1-based rank of `slug` among the distinct slugs of `answers` (top 10), or None."""
    seen: list[str] = []
    for found in answers:
        if found not in seen:
            seen.append(found)
        if len(seen) == 10:
            break
    return seen.index(slug) + 1 if slug in seen else None


def quality(queries: Sequence[Query], answers: Sequence[Sequence[str]]) -> dict[str, dict]:
    """Group ("all", each kind, each language) → {"n", "s@1", "s@3", "s@10", "mrr"}."""
    groups: dict[str, list[int | None]] = {}
    for q, found in zip(queries, answers, strict=True):
        r = rank(found, q.slug)
        for group in ("all", q.kind, q.lang):
            groups.setdefault(group, []).append(r)
    out = {}
    for group, ranks in groups.items():
        n = len(ranks)
        row = {"n": n, "mrr": sum(1 / r for r in ranks if r) / n}
        row.update({f"s@{k}": sum(1 for r in ranks if r and r <= k) / n for k in CUTS})
        out[group] = row
    return out


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    if len(samples) < 2:
        value = samples[0] if samples else 0.0
        return {"p50": value, "p95": value, "p99": value}
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def quality_table(runs: dict[str, dict[str, dict]]) -> str:
    """Side by side, one block of rows per engine: group, n, s@1, s@3, s@10, MRR@10."""
    order = ["all", *KINDS, "en", "ru"]
    lines = [f"  {'':<8} {'queries':<16} {'n':>5} {'s@1':>6} {'s@3':>6} {'s@10':>6} {'MRR@10':>7}"]
    for engine, table in runs.items():
        for group in [g for g in order if g in table]:
            row = table[group]
            lines.append(
                f"  {engine:<8} {group:<16} {row['n']:>5} {row['s@1']:>6.3f} {row['s@3']:>6.3f}"
                f" {row['s@10']:>6.3f} {row['mrr']:>7.3f}"
            )
    return "\n".join(lines)


def latency_line(name: str, samples: Sequence[float], target_p95: float | None = None) -> str:
    p = percentiles(samples)
    line = f"  {name:<44} p50 {p['p50']:7.2f}  p95 {p['p95']:7.2f}  p99 {p['p99']:7.2f} ms"
    if target_p95 is not None:
        verdict = "PASS" if p["p95"] <= target_p95 else "MISS"
        line += f"   target p95 ≤ {target_p95:g} ms  {verdict}"
    return line
