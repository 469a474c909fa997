"""An article's "at a glance" box: its interactive tools, and for routing the answer right now.

The article page itself is rendered once per version of the text and cached; this box is made
at every request, so "telesales is open now" is true when the page is served (server clock, in
the routing block's own time zone).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_datetime, format_time
from flask import url_for

from kb.content import Article
from kb.guidance import Route, anchor, route
from kb.guidance.model import Routing, Spec
from kb.guidance.specs import article_specs
from kb.guidance.zones import zone_label


@dataclass(frozen=True)
class Tool:
    """One interactive block of the article, and where its page is."""

    spec: Spec
    url: str
    anchor: str


@dataclass(frozen=True)
class Now:
    """A routing block's answer at the moment the page is served."""

    spec: Routing
    route: Route
    clock: str  # "18:05, Moscow (UTC+3)"
    opens: str  # when closed: "Mon 09:00"; else ''
    url: str


def glance(article: Article) -> tuple[list[Tool], list[Now]]:
    """The article's tools in the order written, and each routing block's answer now."""
    specs = article_specs(article).specs
    tools = [
        Tool(
            spec,
            url_for("guide.page", lang=article.lang, slug=article.slug, block=spec.id),
            anchor(spec),
        )
        for spec in specs
    ]
    answers = []
    for spec in specs:
        if not isinstance(spec, Routing):
            continue
        result = route(spec)
        clock = format_time(result.local, "short", locale=article.lang)
        opens = ""
        if result.opens is not None:
            opens = format_datetime(result.opens, "EEE d MMM, HH:mm", locale=article.lang)
        answers.append(
            Now(
                spec,
                result,
                f"{clock}, {zone_label(spec.timezone, article.lang, result.local)}",
                opens,
                url_for("guide.page", lang=article.lang, slug=article.slug, block=spec.id),
            )
        )
    return tools, answers
