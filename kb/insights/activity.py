"""Day by day: searches, article views, votes and walkthrough runs over the period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from kb.insights import summaries
from kb.insights.period import Period


@dataclass(frozen=True)
class DailyActivity:
    """One value per day of the period for each series, in date order."""

    days: list[date]
    searches: list[int]
    no_results: list[int]
    views: list[int]
    helpful: list[int]
    not_helpful: list[int]
    starts: list[int]
    completions: list[int]

    def total(self, series: str) -> int:
        return sum(getattr(self, series))


def daily_activity(conn: Connection, period: Period, lang: str | None) -> DailyActivity:
    """Counts per day; days without any record are zero."""
    counts: Counter[tuple[str, date]] = Counter()  # (kind, day)
    s = summaries.searches_in(period, lang)
    for day, found, n in conn.execute(
        select(s.c.day, s.c.found, func.sum(s.c.searches)).group_by(s.c.day, s.c.found)
    ):
        counts["searches", day] += n
        if not found:
            counts["no_results", day] += n
    v = summaries.views_in(period, lang)
    for day, n in conn.execute(select(v.c.day, func.sum(v.c.views)).group_by(v.c.day)):
        counts["views", day] += n
    f = summaries.votes_in(period, lang)
    for day, helpful, n in conn.execute(
        select(f.c.day, f.c.helpful, func.sum(f.c.votes)).group_by(f.c.day, f.c.helpful)
    ):
        counts["helpful" if helpful else "not_helpful", day] += n
    w = summaries.walkthroughs_in(period, lang)
    for day, metric, n in conn.execute(
        select(w.c.day, w.c.metric, func.sum(w.c.sessions))
        .where(w.c.metric.in_(("start", "complete")))
        .group_by(w.c.day, w.c.metric)
    ):
        counts["starts" if metric == "start" else "completions", day] += n
    days = period.dates()
    series = ("searches", "no_results", "views", "helpful", "not_helpful", "starts", "completions")
    return DailyActivity(days, *([counts[name, day] for day in days] for name in series))
