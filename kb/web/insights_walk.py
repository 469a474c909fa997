"""Walkthrough insights in its own terms: step and outcome titles, its order, its map."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kb.guidance.diagram import Marks, edges
from kb.guidance.model import Walkthrough
from kb.insights.walkthroughs import WalkthroughStats


def node_titles(spec: Walkthrough | None) -> dict[str, str]:
    """Step and outcome id -> title; ids a changed walkthrough no longer has keep their id."""
    if spec is None:
        return {}
    titles = {s.id: s.title for s in spec.steps.values()}
    titles.update({o.id: o.title for o in spec.outcomes.values()})
    return titles


def in_walkthrough_order(stats: WalkthroughStats, spec: Walkthrough | None) -> WalkthroughStats:
    """The steps as the walkthrough writes them, then any it no longer has; outcomes likewise."""
    if spec is None:
        return stats
    steps = {s: i for i, s in enumerate(spec.steps)}
    outcomes = {o: i for i, o in enumerate(spec.outcomes)}
    last = len(steps) + len(outcomes)
    return replace(
        stats,
        steps=sorted(stats.steps, key=lambda s: (steps.get(s.step, last), s.step)),
        outcomes=sorted(stats.outcomes, key=lambda o: (outcomes.get(o.outcome, last), o.outcome)),
    )


def run_marks(stats: WalkthroughStats, spec: Walkthrough, branches: Counter) -> Marks:
    """Runs on the map: reached and stopped at each step, runs at each outcome and branch."""
    counts = {s.step: s.reached for s in stats.steps}
    for outcome in stats.outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + outcome.sessions
    real = {(e.source, e.target) for e in edges(spec)}
    return Marks(
        counts=counts,
        left={s.step: s.stopped for s in stats.steps},
        edges={pair: n for pair, n in branches.items() if pair in real}
        | {pair: 0 for pair in real if pair not in branches},
    )
