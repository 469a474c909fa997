"""The pages of checklists, calculators, routing blocks and decision tables."""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_date, format_time
from flask import current_app, render_template, request, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup

from kb.content import Article
from kb.guidance import (
    Expression,
    calculate,
    calculator_summary,
    fill,
    in_zone,
    render_html,
    route,
    routing_summary,
)
from kb.guidance.labels import CONDITION_WORDS
from kb.guidance.model import Calculator, Checklist, DecisionTable, Routing
from kb.guidance.specs import ArticleSpecs
from kb.guidance.zones import zone_choices, zone_label
from kb.web.blocks import markdown_link
from kb.web.guide_forms import (
    ZONE_COOKIE,
    FieldGroup,
    posted_fallbacks,
    posted_values,
    reader_now,
    views,
    zone,
)
from kb.web.table_filter import MAX_QUERY, matching_rows


def checklist_page(article: Article, found: ArticleSpecs, spec: Checklist):
    """The case-field form; once sent with "Make the note", its errors or its CRM note."""
    values = posted_values(f.id for f in spec.fields)
    fallback = spec.id in posted_fallbacks([spec.id])
    form = None
    if request.method == "POST" and "check" in request.form:
        form = fill(spec, values, locale=article.lang, _=gettext, fallback=fallback)
    errors = form.errors if form is not None else {}
    return render_template(
        "guide/checklist.html",
        article=article,
        spec=spec,
        group=FieldGroup(views(spec.fields, values, errors), spec, fallback),
        form=form,
    )


def calculator_page(article: Article, found: ArticleSpecs, spec: Calculator):
    """The inputs; once sent, the results, the rule that applies and a summary to copy."""
    values = posted_values(i.id for i in spec.inputs)
    calculation = None
    if request.method == "POST":
        calculation = calculate(spec, values, locale=article.lang, _=gettext)
    checklist, prefill = None, {}
    if calculation is not None and calculation.rule is not None:
        target = found.get(calculation.rule.outcome.checklist)
        if isinstance(target, Checklist):
            checklist = target
            # A field named like a formula is filled in with its result.
            prefill = {f.id: calculation.shown[f.id] for f in spec.formulas if target.field(f.id)}
    summary = ""
    if calculation is not None:
        summary = calculator_summary(
            spec, calculation, locale=article.lang, at=reader_now(), _=gettext
        )
    rule = calculation.rule if calculation is not None else None
    return render_template(
        "guide/calculator.html",
        article=article,
        spec=spec,
        fields=views(spec.inputs, values, calculation.errors if calculation else {}),
        calculation=calculation,
        condition=_condition(spec, rule.when) if rule and rule.when else "",
        checklist=checklist,
        prefill=prefill,
        summary=summary,
    )


def routing_page(article: Article, found: ArticleSpecs, spec: Routing):
    """Where the customer goes now, or at a date and time chosen in any time zone."""
    # The default is the block's own zone, on every visit: the same date and time entered give
    # the same answer whoever asks and however often (the browser's zone is only offered).
    chosen_zone = request.args.get("tz") or spec.timezone
    if zone(chosen_zone) is None:
        chosen_zone = spec.timezone
    offered = [spec.timezone, current_app.config["KB_TIMEZONE"], chosen_zone]
    browser_zone = request.cookies.get(ZONE_COOKIE)
    if zone(browser_zone) is not None:
        offered.append(browser_zone)
    day_text, time_text = request.args.get("date", ""), request.args.get("time", "")
    error, at = "", None
    if day_text or time_text:
        try:
            day, clock = date.fromisoformat(day_text[:10]), time.fromisoformat(time_text[:8])
            # A zone that is not in the list (an Etc/ one, say): the time is read in the block's.
            at = datetime.combine(day, clock, zone(chosen_zone))
        except ValueError:
            error = gettext("Enter a date as YYYY-MM-DD and a time as HH:MM.")
    result = route(spec, at)
    theirs = zone(chosen_zone)
    return render_template(
        "guide/routing.html",
        article=article,
        spec=spec,
        result=result,
        chosen=at,
        moment=_when(result.local, article.lang),
        moment_there=_when(in_zone(result.local, theirs), article.lang)
        if theirs is not None and chosen_zone != spec.timezone
        else "",
        zone_label=zone_label(spec.timezone, article.lang),
        chosen_label=zone_label(chosen_zone, article.lang),
        opens=_when(result.opens, article.lang) if result.opens else "",
        error=error,
        day=day_text[:10],
        clock=time_text[:8],
        chosen_zone=chosen_zone,
        zones=zone_choices(article.lang, [z for z in offered if zone(z) is not None]),
        summary=routing_summary(spec, result, locale=article.lang, _=gettext),
        hours=Markup(_static(article, found, spec)),
    )


def table_page(article: Article, found: ArticleSpecs, spec: DecisionTable):
    """Every scenario, the ones that do not match `?q=` hidden."""
    query = request.args.get("q", "")[:MAX_QUERY]
    shown = {row.id for row in matching_rows(spec.rows, query, article.lang)}
    return render_template(
        "guide/decision_table.html",
        article=article,
        spec=spec,
        query=query,
        shown=shown,
        status=table_status(len(shown), len(spec.rows), query),
        rows_url=url_for("guide.rows", lang=article.lang, slug=article.slug, block=spec.id),
    )


def table_status(shown: int, total: int, query: str) -> str:
    """What the filter found, in words, for the status line under the box."""
    if not query.strip():
        return ngettext("%(num)d scenario.", "%(num)d scenarios.", total)
    if not shown:
        return gettext("No scenario matches. Try other words, or clear the box to see them all.")
    return ngettext(
        "%(num)d of %(total)d scenarios matches.",
        "%(num)d of %(total)d scenarios match.",
        shown,
        total=total,
    )


def _static(article: Article, found: ArticleSpecs, spec) -> str:
    """The block as the article shows it, for reference under the interactive part."""
    return render_html(
        spec,
        locale=article.lang,
        _=gettext,
        link=markdown_link(article, on_article_page=False),
        specs=found.specs,
    )


def _condition(spec: Calculator, when: Expression) -> str:
    """A rule's condition in words: "PNV Balance >= 60 and Customer type == VC Partner"."""
    names = {i.id: i.label for i in spec.inputs} | {f.id: f.label for f in spec.formulas}
    options = {(i.id, o.id): o.label for i in spec.inputs for o in i.options}
    return when.describe(
        lambda name: names.get(name, name),
        lambda name, value: options.get((name, value), value),
        lambda word: gettext(CONDITION_WORDS[word]),
    )


def _when(moment: datetime, locale: str) -> str:
    """A moment with its weekday, in its own time zone: "Monday, January 12, 2026, 10:05 AM"."""
    day = format_date(moment, "full", locale=locale)
    return f"{day}, {format_time(moment, 'short', tzinfo=moment.tzinfo, locale=locale)}"
