"""How walkthroughs are used: starts, completions, outcomes, and the steps where people stop."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from kb.insights import summaries
from kb.insights.articles import vote_counts
from kb.insights.period import Period
from kb.store.tables import usage_events


@dataclass(frozen=True)
class StepStats:
    """Runs that reached a step, and how many of those went no further (no outcome either)."""

    step: str
    reached: int
    stopped: int

    @property
    def went_on(self) -> int:
        return self.reached - self.stopped


@dataclass(frozen=True)
class OutcomeCount:
    outcome: str
    kind: str | None
    sessions: int


@dataclass(frozen=True)
class WalkthroughStats:
    """One walkthrough block of one article, for the runs that started in the period: runs in
    both languages together, unless the report is for one (`lang` is then that language)."""

    lang: str  # the language asked for, or '' for both
    slug: str
    block: str
    starts: int = 0
    completions: int = 0  # runs that reached an outcome
    helpful: int = 0
    not_helpful: int = 0
    outcomes: list[OutcomeCount] = field(default_factory=list)  # most frequent first
    steps: list[StepStats] = field(default_factory=list)  # most reached first: the funnel

    @property
    def abandoned(self) -> int:
        return max(self.starts - self.completions, 0)


def walkthrough_report(
    conn: Connection, period: Period, lang: str | None
) -> list[WalkthroughStats]:
    """Every walkthrough used or voted on in the period, most started first."""
    u = summaries.walkthroughs_in(period, lang)
    keys = [u.c.lang, u.c.slug, u.c.block, u.c.metric, u.c.step, u.c.outcome, u.c.outcome_kind]
    rows = conn.execute(select(*keys, func.sum(u.c.sessions).label("n")).group_by(*keys)).all()
    # Per (slug, block): run counts, outcomes, steps reached and stopped at, votes. The English
    # and Russian pages of a procedure share their ids: one procedure, one row.
    tally: dict[tuple[str, str, str], dict[str, Counter[Any]]] = defaultdict(
        lambda: defaultdict(Counter)
    )
    for row in rows:
        counts = tally[(lang or "", row.slug, row.block)]
        if row.metric in ("start", "complete"):
            counts["runs"][row.metric] += row.n
        elif row.metric == "outcome":
            counts["outcome"][(row.outcome or "", row.outcome_kind)] += row.n
        elif row.metric in ("reached", "stopped"):
            counts[row.metric][row.step or ""] += row.n
    for vote in vote_counts(conn, period, lang):
        if vote.block:
            tally[(lang or "", vote.slug, vote.block)]["votes"][vote.helpful] += vote.votes
    report = [_stats(key, counts) for key, counts in tally.items()]
    report.sort(key=lambda w: (-w.starts, -w.completions, w.lang, w.slug, w.block))
    return report


def _stats(key: tuple[str, str, str], counts: dict[str, Counter[Any]]) -> WalkthroughStats:
    outcomes = sorted(counts["outcome"].items(), key=lambda kv: (-kv[1], kv[0][0]))
    steps = sorted(counts["reached"].items(), key=lambda kv: (-kv[1], kv[0]))
    lang, slug, block = key
    return WalkthroughStats(
        lang,
        slug,
        block,
        starts=counts["runs"]["start"],
        completions=counts["runs"]["complete"],
        helpful=counts["votes"][True],
        not_helpful=counts["votes"][False],
        outcomes=[OutcomeCount(outcome, kind, n) for (outcome, kind), n in outcomes],
        steps=[StepStats(step, n, counts["stopped"][step]) for step, n in steps],
    )


def branch_counts(
    conn: Connection, period: Period, lang: str | None, slug: str, block: str
) -> Counter[tuple[str, str]]:
    """(from, to) -> runs that went that way, from the runs' own events in the period.

    Consecutive events of a run: a step, then the step or outcome reached from it. Back and
    restart make pairs that are no branch of the walkthrough; the caller keeps only real ones.
    Runs rolled up into daily summaries (older than the retention period) have no branches.
    """
    e = usage_events.c
    query = (
        select(e.session, e.event, e.step, e.outcome)
        .where(e.slug == slug, e.block == block, e.at >= period.since, e.at < period.until)
        .order_by(e.session, e.id)
    )
    if lang:
        query = query.where(e.lang == lang)
    counts: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[str, str, str]] = set()
    previous: tuple[str, str] | None = None  # (run, node)
    for row in conn.execute(query):
        node = row.step if row.event == "step" else row.outcome if row.event == "outcome" else None
        if node is None:
            previous = None
            continue
        if previous is not None and previous[0] == row.session:
            key = (row.session, previous[1], node)
            if key not in seen:  # a run that goes the same way twice counts once
                seen.add(key)
                counts[(previous[1], node)] += 1
        previous = (row.session, node)
    return counts
