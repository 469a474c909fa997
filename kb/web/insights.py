"""The editors' insights: what agents search, read, find helpful, and where walkthroughs stop."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template, request
from flask_babel import format_date, format_number, format_percent, gettext, lazy_gettext

from kb import LANGUAGES
from kb.guidance import OUTCOME_KINDS
from kb.guidance.model import Walkthrough
from kb.guidance.specs import article_specs
from kb.insights import (
    PERIODS,
    Period,
    article_report,
    daily_activity,
    search_report,
    walkthrough_report,
)
from kb.insights.charts import Bar, bar_chart, column_chart
from kb.insights.walkthroughs import branch_counts
from kb.web.auth import login_required
from kb.web.content import library
from kb.web.feedback import reason_label
from kb.web.insights_walk import in_walkthrough_order, node_titles, run_marks
from kb.web.walk_map import walkthrough_map

bp = Blueprint("insights", __name__, url_prefix="/<lang:lang>/editors")
DEFAULT_DAYS = 30
CHART_ROWS = 10  # bars in a chart; the table beside it lists more
TABLE_ROWS = 50
CORRECTION_KINDS = {"layout": lazy_gettext("Keyboard layout"), "spelling": lazy_gettext("Typo")}


def report_filters() -> tuple[Period, str | None, dict]:
    """The period and the content language (None for both) asked for, with safe defaults."""
    days = request.args.get("days", DEFAULT_DAYS, type=int)
    days = days if days in PERIODS else DEFAULT_DAYS
    language = request.args.get("language")
    language = language if language in LANGUAGES else None
    return Period.last(days), language, {"days": days, "language": language or "both"}


def connect():
    return current_app.extensions["kb_store"].engine.connect()


@bp.app_template_filter("number")
def number(value) -> str:
    return format_number(value)


@bp.app_template_filter("share")
def share(part: int, whole: int) -> str:
    """`part` as a percentage of `whole`; a dash when there is no whole."""
    return format_percent(part / whole) if whole else "–"


def article_title(lang: str, slug: str) -> str:
    """The article's title, or its path if it no longer exists."""
    found = library().get(lang, slug)
    return found.title if found else slug


def walkthrough_spec(lang: str, slug: str, block: str) -> Walkthrough | None:
    """The walkthrough as the reader's language has it, else as any language does."""
    for code in dict.fromkeys([lang, *LANGUAGES]):
        found = library().get(code, slug)
        spec = article_specs(found).get(block) if found else None
        if isinstance(spec, Walkthrough):
            return spec
    return None


def walkthrough_title(lang: str, slug: str, block: str) -> str:
    spec = walkthrough_spec(lang, slug, block)
    return spec.title if spec else f"{article_title(lang, slug)} · {block}"


def outcome_label(outcome: str, kind: str | None) -> str:
    kind_label = gettext(OUTCOME_KINDS[kind]) if kind in OUTCOME_KINDS else kind
    same = not kind_label or kind_label.casefold() == outcome.casefold()
    return outcome if same else f"{outcome} ({kind_label})"


def correction_label(kind: str) -> str:
    return str(CORRECTION_KINDS.get(kind, kind))


def _with_lang(label: str, lang: str, language: str | None) -> str:
    """Labels name their language when both are shown."""
    return label if language else f"{label} ({lang})"


def _short_date(day: date) -> str:
    return format_date(day, "d MMM")


@bp.get("/")
@login_required
def overview(lang):
    """Totals and day-by-day charts of searches, views and votes."""
    period, language, filters = report_filters()
    with connect() as conn:
        daily = daily_activity(conn, period, language)
    common = {"fmt": format_number, "date_fmt": _short_date}
    found = [s - n for s, n in zip(daily.searches, daily.no_results, strict=True)]
    charts = {
        "searches": column_chart(
            daily.days,
            [found, daily.no_results],
            chart_id="chart-daily-searches",
            title=gettext("Searches per day"),
            desc=gettext("Searches that found something, and searches with no result."),
            series=(gettext("Found something"), gettext("No result")),
            **common,
        ),
        "views": column_chart(
            daily.days,
            [daily.views],
            chart_id="chart-daily-views",
            title=gettext("Article views per day"),
            **common,
        ),
        "votes": column_chart(
            daily.days,
            [daily.helpful, daily.not_helpful],
            chart_id="chart-daily-votes",
            title=gettext("Feedback per day"),
            desc=gettext("Votes saying an article or walkthrough helped, and saying it did not."),
            series=(gettext("Helpful"), gettext("Not helpful")),
            **common,
        ),
    }
    return render_template(
        "editors/overview.html", daily=daily, charts=charts, filters=filters, period=period
    )


@bp.get("/searches")
@login_required
def searches(lang):
    """Top searches, searches with no result, searches with no result opened, corrections."""
    period, language, filters = report_filters()
    with connect() as conn:
        report = search_report(conn, period, language, limit=TABLE_ROWS)

    def chart(rows, chart_id, title):
        bars = [Bar(_with_lang(q.query, q.lang, language), (q.searches,)) for q in rows]
        return bar_chart(bars[:CHART_ROWS], chart_id=chart_id, title=title, fmt=format_number)

    charts = {
        "top": chart(report.top, "chart-top-searches", gettext("Top searches")),
        "no_results": chart(
            report.no_results, "chart-no-results", gettext("Searches with no result")
        ),
        "not_opened": chart(
            report.not_opened, "chart-not-opened", gettext("Searches where no result was opened")
        ),
        "expanded": chart(
            report.expanded, "chart-expanded", gettext("Found only by expanding the search")
        ),
        "weak": chart(report.weak, "chart-weak", gettext("Found only weak matches")),
        "corrections": bar_chart(
            [
                Bar(_with_lang(f"{c.query} → {c.corrected}", c.lang, language), (c.searches,))
                for c in report.corrections[:CHART_ROWS]
            ],
            chart_id="chart-corrections",
            title=gettext("Corrections made by search"),
            fmt=format_number,
        ),
    }
    return render_template(
        "editors/searches.html",
        report=report,
        charts=charts,
        filters=filters,
        period=period,
        correction_label=correction_label,
    )


@bp.get("/articles")
@login_required
def articles(lang):
    """Articles by views and by votes, the reasons they did not help, and comments."""
    period, language, filters = report_filters()
    with connect() as conn:
        report = article_report(conn, period, language)

    def label(a):
        return _with_lang(article_title(a.lang, a.slug), a.lang, language)

    voted = sorted(
        (a for a in report.articles if a.votes), key=lambda a: (-a.not_helpful, -a.votes)
    )
    charts = {
        "views": bar_chart(
            [Bar(label(a), (a.views,)) for a in report.articles[:CHART_ROWS] if a.views],
            chart_id="chart-article-views",
            title=gettext("Most read articles"),
            fmt=format_number,
        ),
        "votes": bar_chart(
            [Bar(label(a), (a.helpful, a.not_helpful)) for a in voted[:CHART_ROWS]],
            chart_id="chart-article-votes",
            title=gettext("Was this article helpful?"),
            desc=gettext("Articles with the most “not helpful” votes first."),
            series=(gettext("Helpful"), gettext("Not helpful")),
            fmt=format_number,
        ),
        "reasons": bar_chart(
            [Bar(reason_label(r), (n,)) for r, n in report.reasons.items()],
            chart_id="chart-reasons",
            title=gettext("Why it did not help"),
            fmt=format_number,
        ),
    }
    return render_template(
        "editors/articles.html",
        report=report,
        rows=report.articles[:TABLE_ROWS],
        more=max(len(report.articles) - TABLE_ROWS, 0),
        charts=charts,
        filters=filters,
        period=period,
        title_of=article_title,
        reason_label=reason_label,
    )


@bp.get("/walkthroughs")
@login_required
def walkthroughs(lang):
    """Walkthroughs by runs and completions, their outcomes, and drop-off per step."""
    period, language, filters = report_filters()
    with connect() as conn:
        report = walkthrough_report(conn, period, language)

    def label(w):
        return walkthrough_title(lang, w.slug, w.block)

    runs = bar_chart(
        [Bar(label(w), (w.completions, w.abandoned)) for w in report[:CHART_ROWS]],
        chart_id="chart-walkthrough-runs",
        title=gettext("Walkthroughs started"),
        desc=gettext("Runs that reached an outcome, and runs that stopped before one."),
        series=(gettext("Completed"), gettext("Stopped")),
        fmt=format_number,
    )
    details = []
    for n, w in enumerate(report[:CHART_ROWS], start=1):
        spec = walkthrough_spec(lang, w.slug, w.block)
        w = in_walkthrough_order(w, spec)
        names = node_titles(spec)
        outcomes = bar_chart(
            [Bar(names.get(o.outcome, o.outcome), (o.sessions,)) for o in w.outcomes],
            chart_id=f"chart-outcomes-{n}",
            title=gettext("Outcomes of %(name)s", name=label(w)),
            fmt=format_number,
        )
        steps = bar_chart(
            [Bar(names.get(s.step, s.step), (s.went_on, s.stopped)) for s in w.steps],
            chart_id=f"chart-steps-{n}",
            title=gettext("Where people stop in %(name)s", name=label(w)),
            desc=gettext("For each step: runs that went on, and runs that went no further."),
            series=(gettext("Went on"), gettext("Stopped here")),
            fmt=format_number,
        )
        drawn = None
        if spec is not None:
            with connect() as conn:
                branches = branch_counts(conn, period, language, w.slug, w.block)
            drawn = walkthrough_map(spec, run_marks(w, spec, branches))
        details.append((n, w, label(w), outcomes, steps, drawn, names))
    return render_template(
        "editors/walkthroughs.html",
        report=report,
        runs=runs,
        details=details,
        filters=filters,
        period=period,
        label=label,
        outcome_label=outcome_label,
    )
