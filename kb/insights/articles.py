"""How articles are read and judged: views, helpful / not helpful votes, reasons, comments."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, func, select

from kb.insights import summaries
from kb.insights.period import Period
from kb.store.feedback import REASONS
from kb.store.tables import feedback


@dataclass(frozen=True)
class ArticleStats:
    lang: str
    slug: str
    views: int = 0
    helpful: int = 0
    not_helpful: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # reason -> "not helpful" votes

    @property
    def votes(self) -> int:
        return self.helpful + self.not_helpful


@dataclass(frozen=True)
class Comment:
    day: date
    lang: str
    slug: str
    block: str  # "" for the article itself
    reason: str | None
    text: str


@dataclass(frozen=True)
class ArticleReport:
    articles: list[ArticleStats]  # most viewed first, then most voted
    reasons: dict[str, int]  # every "not helpful" vote of the period, articles and walkthroughs
    comments: list[Comment]  # newest first


def article_report(
    conn: Connection, period: Period, lang: str | None, comments: int = 200
) -> ArticleReport:
    """Views and article votes per article, reasons over all votes, the latest comments."""
    v = summaries.views_in(period, lang)
    views = conn.execute(
        select(v.c.lang, v.c.slug, func.sum(v.c.views)).group_by(v.c.lang, v.c.slug)
    ).all()
    stats: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"views": 0, "helpful": 0, "not_helpful": 0}
    )
    reasons_by_article: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for lang_, slug, n in views:
        stats[(lang_, slug)]["views"] += n
    reasons: Counter[str] = Counter()
    for row in vote_counts(conn, period, lang):
        if not row.helpful:
            reasons[row.reason or "none"] += row.votes
        if row.block:
            continue
        key = (row.lang, row.slug)
        stats[key]["helpful" if row.helpful else "not_helpful"] += row.votes
        if not row.helpful:
            reasons_by_article[key][row.reason or "none"] += row.votes
    articles = [
        ArticleStats(lg, slug, reasons=dict(reasons_by_article[(lg, slug)]), **counts)
        for (lg, slug), counts in stats.items()
    ]
    articles.sort(key=lambda a: (-a.views, -a.votes, a.lang, a.slug))
    order = {r: i for i, r in enumerate((*REASONS, "none"))}
    return ArticleReport(
        articles=articles,
        reasons=dict(sorted(reasons.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))),
        comments=latest_comments(conn, period, lang, comments),
    )


def vote_counts(
    conn: Connection, period: Period, lang: str | None
) -> Sequence[Row[*tuple[Any, ...]]]:
    """Votes per (lang, slug, block, helpful, reason) in the period."""
    u = summaries.votes_in(period, lang)
    keys = [u.c.lang, u.c.slug, u.c.block, u.c.helpful, u.c.reason]
    return conn.execute(select(*keys, func.sum(u.c.votes).label("votes")).group_by(*keys)).all()


def latest_comments(
    conn: Connection, period: Period, lang: str | None, limit: int
) -> list[Comment]:
    """Comments left with "not helpful" votes in the period, newest first.

    Comments exist only in the raw records: the roll-up keeps counts, not words.
    """
    f = feedback.c
    where = [f.day >= period.start, f.day <= period.end, f.comment.is_not(None)]
    if lang is not None:
        where.append(f.lang == lang)
    rows = conn.execute(
        select(f.day, f.lang, f.slug, f.block, f.reason, f.comment)
        .where(*where)
        .order_by(f.at.desc(), f.id.desc())
        .limit(limit)
    ).all()
    return [Comment(*row) for row in rows]
