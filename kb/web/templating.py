"""What every template can use: languages, the language switch, date formatting."""

from __future__ import annotations

from flask import g, request, url_for
from flask_babel import format_date, get_locale, gettext, lazy_gettext
from werkzeug.routing import BaseConverter

from kb import LANGUAGES

# Audience keys are the same in both languages' front matter; the interface translates them.
AUDIENCES = {
    "agents": lazy_gettext("Agents"),
    "trainees": lazy_gettext("Trainees"),
    "operators": lazy_gettext("Operators"),
    "sales": lazy_gettext("Sales"),
    "service-delivery": lazy_gettext("Service Delivery"),
    "managers": lazy_gettext("Knowledge managers"),
}


def audience_label(key: str) -> str:
    """A known audience key translated; anything else as the author wrote it."""
    return str(AUDIENCES.get(key, key))


class LanguageConverter(BaseConverter):
    """Matches only the languages the site has: /en/..., /ru/..."""

    regex = "|".join(LANGUAGES)


def current_lang() -> str:
    return getattr(g, "lang", None) or str(get_locale())


def switch_url(lang: str) -> str:
    """The current page in another language, query string kept; home if the page has no language."""
    args = dict(request.view_args or {})
    if request.endpoint and request.url_rule is not None and "lang" in request.url_rule.arguments:
        url = url_for(request.endpoint, **{**args, "lang": lang})
        return f"{url}?{request.query_string.decode()}" if request.query_string else url
    return url_for("articles.home", lang=lang)


def page_url(page: int) -> str:
    """The current page's URL with its query string, at another page of results."""
    args = {k: v for k, v in request.args.items() if k not in ("page", "lang")}
    return url_for(request.endpoint or "", **{**(request.view_args or {}), **args, "page": page})


def active_filters(filters: dict) -> dict:
    """The filters that have a value, to carry into another search link."""
    return {k: v for k, v in filters.items() if v}


def init_app(app) -> None:
    app.url_map.converters["lang"] = LanguageConverter

    # Functions are globals, so that macros imported without context can call them too.
    app.jinja_env.globals.update(
        languages=LANGUAGES,
        switch_url=switch_url,
        page_url=page_url,
        audience_label=audience_label,
        active_filters=active_filters,
    )

    @app.context_processor
    def request_globals():
        return {
            "lang": current_lang(),
            "site_name": app.config["KB_SITE_NAME"] or gettext("Contact-centre knowledge base"),
        }

    @app.template_filter("date")
    def date_filter(value, style: str = "long"):
        return format_date(value, style) if value else ""
