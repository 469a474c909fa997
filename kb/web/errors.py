"""Error pages in the visitor's language."""

from __future__ import annotations

import logging

from flask import jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from kb.web.csrf import CSRFError

log = logging.getLogger(__name__)


def error_title(error: HTTPException) -> str:
    if isinstance(error, CSRFError):
        return gettext("Form expired")
    titles = {
        400: gettext("Bad request"),
        403: gettext("Not allowed"),
        404: gettext("Page not found"),
        405: gettext("Method not allowed"),
        413: gettext("Request too large"),
        429: gettext("Too many requests"),
    }
    return titles.get(error.code or 500, gettext("Something went wrong"))


def error_text(error: HTTPException) -> str:
    if isinstance(error, CSRFError):  # usually a page left open until its session ended
        return gettext("This form has expired. Reload the page and try again.")
    texts = {
        404: gettext("There is no page at this address. Try searching for what you need."),
        413: gettext("The request is larger than the site accepts."),
        429: gettext("Please wait a moment and try again."),
    }
    default = gettext("The site could not answer this request. Please try again in a moment.")
    return texts.get(error.code or 500, default)


def init_app(app) -> None:
    app.jinja_env.globals.update(error_title=error_title, error_text=error_text)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _error_response(error)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("unhandled error")
        return _error_response(InternalServerError())


def _error_response(error: HTTPException):
    if isinstance(error, SecurityError):  # a Host not in TRUSTED_HOSTS: no links can be built
        return f"{error_title(error)}\n", error.code, {"Content-Type": "text/plain; charset=utf-8"}
    if request.path.startswith("/api/"):
        return jsonify({"error": error_title(error), "status": error.code}), error.code
    return render_template("error.html", error=error), error.code
