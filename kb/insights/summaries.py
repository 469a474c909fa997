"""Raw records summarised per day, the same way for reports and for the roll-up.

Each summary selects rows shaped like its daily aggregate table, so a report adds the summary of
the raw rows still kept to the aggregate rows already rolled up, and gets the same totals before
and after a roll-up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    String,
    case,
    cast,
    func,
    literal_column,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.selectable import FromClause, Subquery

from kb.insights.period import Period
from kb.store.tables import (
    article_views,
    daily_feedback,
    daily_searches,
    daily_views,
    daily_walkthroughs,
    feedback,
    search_log,
    usage_events,
)


def day_of(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The UTC date of a stored timestamp, read back as a `date` on SQLite and PostgreSQL."""
    # Both have date(): SQLite's function gives 'YYYY-MM-DD' text, PostgreSQL's cast a date.
    return type_coerce(func.date(column), Date)


def count(*args: ColumnElement[Any]) -> ColumnElement[Any]:
    """COUNT as a plain integer: PostgreSQL counts in bigint, and the SUM of those is a Decimal."""
    return cast(func.count(*args), Integer)


def _lang(column: ColumnElement[Any], lang: str | None) -> list[ColumnElement[bool]]:
    return [] if lang is None else [column == lang]


def searches(where: list[ColumnElement[bool]]) -> Select[Any]:
    """search_log rows counted per day, query, correction, whether found and opened, and how
    the first result was found."""
    s = search_log.c
    day, found, opened = day_of(s.at), s.results > 0, s.opened_slug.is_not(None)
    keys = [day, s.lang, s.query, s.corrected, s.correction, found, opened, s.found_by]
    return (
        select(
            day.label("day"),
            s.lang,
            s.query,
            s.corrected,
            s.correction,
            found.label("found"),
            opened.label("opened"),
            count().label("searches"),
            s.found_by,
        )
        .where(*where)
        .group_by(*keys)
    )


def views(where: list[ColumnElement[bool]]) -> Select[Any]:
    """article_views rows counted per day and article."""
    v = article_views.c
    day = day_of(v.at)
    return (
        select(day.label("day"), v.lang, v.slug, count().label("views"))
        .where(*where)
        .group_by(day, v.lang, v.slug)
    )


def votes(where: list[ColumnElement[bool]]) -> Select[Any]:
    """feedback rows counted per day, article or block, answer and reason."""
    f = feedback.c
    keys = [f.day, f.lang, f.slug, f.block, f.helpful, f.reason]
    return select(*keys, count().label("votes")).where(*where).group_by(*keys)


def walkthroughs(
    *,
    first_in: Period | None = None,
    last_before: datetime | None = None,
    lang: str | None = None,
) -> list[Select[Any]]:
    """Walkthrough runs (one `session` each) summarised per day of their first event.

    Rows: "start" and "complete" (runs with an outcome), "outcome" per outcome, "reached" per
    step, and "stopped" per step: runs without an outcome whose last step event was that step.
    Only whole runs are summarised: those starting in `first_in`, or ending before `last_before`.
    Returns the members of a UNION ALL (SQLite cannot nest one in another).
    """
    e = usage_events.c
    # Only runs that were started: events of a run without its start (recorded before every
    # run opened from a shared link started there) would count completions never started.
    having = [func.sum(case((e.event == "start", 1), else_=0)) > 0]
    if first_in is not None:
        having += [func.min(e.at) >= first_in.since, func.min(e.at) < first_in.until]
    if last_before is not None:
        having.append(func.max(e.at) < last_before)
    runs = (
        select(e.session, day_of(func.min(e.at)).label("day"))
        .where(*_lang(e.lang, lang))
        .group_by(e.session)
        .having(*having)
        .subquery("runs")
    )
    in_runs = usage_events.join(runs, runs.c.session == e.session)
    group = [runs.c.day, e.lang, e.slug, e.block]
    sessions = count(e.session.distinct()).label("sessions")

    def metric(
        name: str, *named: str, where: list[ColumnElement[bool]], frm: FromClause = in_runs
    ) -> Select[Any]:
        details = [
            e[c] if c in named else cast(null(), String).label(c)
            for c in ("step", "outcome", "outcome_kind")
        ]
        return (
            select(*group, literal_column(f"'{name}'", String).label("metric"), *details, sessions)
            .select_from(frm)
            .where(*where)
            .group_by(*group, *(e[c] for c in named))
        )

    last_step = _last_steps(runs)
    finished = (
        select(e.session)
        .join(runs, runs.c.session == e.session)
        .where(e.event == "outcome")
        .distinct()
    ).subquery("finished")
    stopped_from = in_runs.join(last_step, last_step.c.last_id == e.id).outerjoin(
        finished, finished.c.session == e.session
    )
    return [
        metric("start", where=[e.event == "start"]),
        metric("complete", where=[e.event == "outcome"]),
        metric("outcome", "outcome", "outcome_kind", where=[e.event == "outcome"]),
        metric("reached", "step", where=[e.step.is_not(None)]),
        metric("stopped", "step", where=[finished.c.session.is_(None)], frm=stopped_from),
    ]


def _last_steps(runs: Subquery) -> Subquery:
    """The id of each run's last event that names a step."""
    e = usage_events.c
    return (
        select(func.max(e.id).label("last_id"))
        .join(runs, runs.c.session == e.session)
        .where(e.step.is_not(None))
        .group_by(e.session)
        .subquery("last_step")
    )


def searches_in(period: Period, lang: str | None) -> Subquery:
    """Daily search counts in the period: raw rows summarised, plus rolled-up rows."""
    s, d = search_log.c, daily_searches.c
    raw = searches([s.at >= period.since, s.at < period.until, *_lang(s.lang, lang)])
    rolled = select(
        d.day, d.lang, d.query, d.corrected, d.correction, d.found, d.opened, d.searches,
        d.found_by,
    ).where(d.day >= period.start, d.day <= period.end, *_lang(d.lang, lang))  # fmt: skip
    return union_all(raw, rolled).subquery("searches")


def views_in(period: Period, lang: str | None) -> Subquery:
    """Daily article views in the period, raw and rolled up."""
    v, d = article_views.c, daily_views.c
    raw = views([v.at >= period.since, v.at < period.until, *_lang(v.lang, lang)])
    rolled = select(d.day, d.lang, d.slug, d.views).where(
        d.day >= period.start, d.day <= period.end, *_lang(d.lang, lang)
    )
    return union_all(raw, rolled).subquery("views")


def votes_in(period: Period, lang: str | None) -> Subquery:
    """Daily feedback votes in the period, raw and rolled up."""
    f, d = feedback.c, daily_feedback.c
    raw = votes([f.day >= period.start, f.day <= period.end, *_lang(f.lang, lang)])
    rolled = select(d.day, d.lang, d.slug, d.block, d.helpful, d.reason, d.votes).where(
        d.day >= period.start, d.day <= period.end, *_lang(d.lang, lang)
    )
    return union_all(raw, rolled).subquery("votes")


def walkthroughs_in(period: Period, lang: str | None) -> Subquery:
    """Daily walkthrough summaries for runs that started in the period, raw and rolled up."""
    d = daily_walkthroughs.c
    rolled = select(
        d.day, d.lang, d.slug, d.block, d.metric, d.step, d.outcome, d.outcome_kind, d.sessions
    ).where(d.day >= period.start, d.day <= period.end, *_lang(d.lang, lang))
    return union_all(*walkthroughs(first_in=period, lang=lang), rolled).subquery("walkthroughs")
