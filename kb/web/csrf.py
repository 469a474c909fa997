"""Cross-site request forgery protection: every state-changing request must carry the token."""

from __future__ import annotations

import hmac
import secrets

from flask import g, request, session
from werkzeug.exceptions import BadRequest

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SESSION_KEY = "_csrf"
FIELD = "csrf_token"  # the hidden form field
HEADER = "X-CSRF-Token"  # for requests sent by scripts
TOKEN_SENT = "kb_csrf_token_sent"  # on `g`: this response carries the token, so is never cached


class CSRFError(BadRequest):
    """A state-changing request without this session's token: usually a form left open so long
    that its session ended; the error page says so."""

    description = "missing or wrong CSRF token"


def csrf_token() -> str:
    """This session's token, created on first use; forms put it in a hidden `csrf_token` field."""
    setattr(g, TOKEN_SENT, True)
    token = session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        session[SESSION_KEY] = token
    return token


def is_valid(sent: str | None) -> bool:
    """True if `sent` is this session's token; compared in constant time."""
    expected = session.get(SESSION_KEY)
    if not expected or not sent:
        return False
    return hmac.compare_digest(expected.encode(), sent.encode())


def init_app(app) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.before_request
    def check_csrf():
        if request.method in SAFE_METHODS:
            return
        if not is_valid(request.headers.get(HEADER) or request.form.get(FIELD)):
            raise CSRFError()
