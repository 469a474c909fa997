"""The interface language: URL prefix first, then the cookie, then Accept-Language, then English."""

from __future__ import annotations

from flask import g, request
from flask_babel import Babel

from kb import DEFAULT_LANGUAGE, LANGUAGES

LANG_COOKIE = "kb_lang"
babel = Babel()


def preferred_language() -> str:
    """The language for a request whose URL does not name one."""
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    lang = getattr(g, "lang", None)
    return lang if lang in LANGUAGES else preferred_language()


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)

    @app.url_defaults
    def add_language(endpoint, values):
        if "lang" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        values["lang"] = getattr(g, "lang", None) or DEFAULT_LANGUAGE

    @app.url_value_preprocessor
    def pull_language(endpoint, values):
        if values and "lang" in values:
            g.lang = values["lang"]

    @app.after_request
    def remember_language(response):
        lang = getattr(g, "lang", None)
        if (
            lang in LANGUAGES
            and request.cookies.get(LANG_COOKIE) != lang
            and response.status_code < 400
        ):
            response.set_cookie(
                LANG_COOKIE,
                lang,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        return response
