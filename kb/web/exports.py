"""The insight tables as CSV files, for the period and language chosen on the page."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort
from flask_babel import gettext
from sqlalchemy import Connection

from kb import DEFAULT_LANGUAGE, LANGUAGES
from kb.insights import (
    Period,
    article_report,
    daily_activity,
    search_report,
    walkthrough_report,
)
from kb.insights.articles import latest_comments
from kb.insights.csvfile import csv_bytes
from kb.store.feedback import REASONS
from kb.web.auth import login_required
from kb.web.feedback import reason_label
from kb.web.insights import article_title, connect, correction_label, report_filters

bp = Blueprint("exports", __name__, url_prefix="/<lang:lang>/editors/export")
ALL = 100_000  # rows of a CSV file: every row of the period, within reason

Table = tuple[list[str], list[list]]


def _queries(which: str) -> Callable[[Connection, Period, str | None], Table]:
    def table(conn, period, language):
        report = search_report(conn, period, language, limit=ALL)
        rows = [[q.lang, q.query, q.searches] for q in getattr(report, which)]
        return [gettext("Language"), gettext("Search query"), gettext("Searches")], rows

    return table


def corrections(conn, period, language) -> Table:
    report = search_report(conn, period, language, limit=ALL)
    header = [
        gettext("Language"),
        gettext("Typed"),
        gettext("Searched for"),
        gettext("Correction"),
        gettext("Searches"),
    ]
    rows = [
        [c.lang, c.query, c.corrected, correction_label(c.kind), c.searches]
        for c in report.corrections
    ]
    return header, rows


def articles(conn, period, language) -> Table:
    report = article_report(conn, period, language, comments=0)
    reasons = [*REASONS, "none"]
    header = [
        gettext("Language"),
        gettext("Path"),
        gettext("Title"),
        gettext("Views"),
        gettext("Helpful"),
        gettext("Not helpful"),
        *(reason_label(r) for r in reasons),
    ]
    rows = [
        [a.lang, a.slug, article_title(a.lang, a.slug), a.views, a.helpful, a.not_helpful]
        + [a.reasons.get(r, 0) for r in reasons]
        for a in report.articles
    ]
    return header, rows


def comments(conn, period, language) -> Table:
    header = [
        gettext("Date"),
        gettext("Language"),
        gettext("Path"),
        gettext("Title"),
        gettext("Walkthrough"),
        gettext("Reason"),
        gettext("Comment"),
    ]
    rows = [
        [c.day.isoformat(), c.lang, c.slug, article_title(c.lang, c.slug), c.block]
        + [reason_label(c.reason), c.text]
        for c in latest_comments(conn, period, language, ALL)
    ]
    return header, rows


def walkthroughs(conn, period, language) -> Table:
    header = [
        gettext("Language"),
        gettext("Path"),
        gettext("Title"),
        gettext("Walkthrough"),
        gettext("Started"),
        gettext("Completed"),
        gettext("Helpful"),
        gettext("Not helpful"),
    ]
    rows = [
        [_lang(w), w.slug, article_title(w.lang or DEFAULT_LANGUAGE, w.slug), w.block]
        + [w.starts, w.completions]
        + [w.helpful, w.not_helpful]
        for w in walkthrough_report(conn, period, language)
    ]
    return header, rows


def outcomes(conn, period, language) -> Table:
    header = [
        gettext("Language"),
        gettext("Path"),
        gettext("Walkthrough"),
        gettext("Outcome"),
        gettext("Kind"),
        gettext("Runs"),
    ]
    rows = [
        [_lang(w), w.slug, w.block, o.outcome, o.kind, o.sessions]
        for w in walkthrough_report(conn, period, language)
        for o in w.outcomes
    ]
    return header, rows


def steps(conn, period, language) -> Table:
    header = [
        gettext("Language"),
        gettext("Path"),
        gettext("Walkthrough"),
        gettext("Step"),
        gettext("Reached"),
        gettext("Went no further"),
    ]
    rows = [
        [_lang(w), w.slug, w.block, s.step, s.reached, s.stopped]
        for w in walkthrough_report(conn, period, language)
        for s in w.steps
    ]
    return header, rows


def daily(conn, period, language) -> Table:
    d = daily_activity(conn, period, language)
    header = [
        gettext("Date"),
        gettext("Searches"),
        gettext("No result"),
        gettext("Views"),
        gettext("Helpful"),
        gettext("Not helpful"),
        gettext("Walkthroughs started"),
        gettext("Walkthroughs completed"),
    ]
    series = (d.searches, d.no_results, d.views, d.helpful, d.not_helpful, d.starts, d.completions)
    rows = [[day.isoformat(), *(s[i] for s in series)] for i, day in enumerate(d.days)]
    return header, rows


TABLES: dict[str, Callable[[Connection, Period, str | None], Table]] = {
    "top-searches": _queries("top"),
    "no-results": _queries("no_results"),
    "not-opened": _queries("not_opened"),
    "found-by-expansion": _queries("expanded"),
    "weak-matches": _queries("weak"),
    "corrections": corrections,
    "articles": articles,
    "comments": comments,
    "walkthroughs": walkthroughs,
    "outcomes": outcomes,
    "steps": steps,
    "daily": daily,
}


@bp.get("/<name>.csv")
@login_required
def export(lang, name):
    """One table as a CSV download (UTF-8 with BOM, so that Excel reads Cyrillic)."""
    table = TABLES.get(name)
    if table is None:
        abort(404)
    period, language, filters = report_filters()
    with connect() as conn:
        header, rows = table(conn, period, language)
    filename = f"kb-{name}-{period.start}-{period.end}-{filters['language']}.csv"
    return Response(
        csv_bytes(header, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _lang(report) -> str:
    """A walkthrough's runs in one language, or in all of them together ("en+ru")."""
    return report.lang or "+".join(LANGUAGES)
