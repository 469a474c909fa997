"""Editors' sign-in and sign-out; `login_required` guards every page of the editors' area."""

from __future__ import annotations

import math
from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_timedelta, gettext

from kb.store.editors import Editor, authenticate, end_sessions, get_editor, normalize_name
from kb.store.throttle import ACCOUNT, ADDRESS, blocked_for, clear, record_failure, throttle_key

bp = Blueprint("editors", __name__, url_prefix="/<lang:lang>/editors")
EDITOR_ID = "editor_id"
EDITOR_STAMP = "editor_stamp"
_CONTROL = {chr(c) for c in range(32)} | {"\x7f"}


def store():
    return current_app.extensions["kb_store"]


@bp.app_template_global()
def current_editor() -> Editor | None:
    """The signed-in editor, checked against the database once per request; None for agents."""
    if "kb_editor" not in g:
        g.kb_editor = None
        editor_id = session.get(EDITOR_ID)
        if editor_id is not None:
            editor = get_editor(store(), editor_id)
            if editor is not None and session.get(EDITOR_STAMP) == editor.session_stamp:
                g.kb_editor = editor
            else:  # signed out, account removed or password changed since: the session is over
                session.pop(EDITOR_ID, None)
                session.pop(EDITOR_STAMP, None)
    return g.kb_editor


@bp.app_template_global()
def editor_signed_in() -> bool:
    """Whether the session says an editor signed in: cheap, for the page footer only."""
    return EDITOR_ID in session


def login_required(view):
    """Send anyone who is not a signed-in editor to the sign-in page, and back afterwards."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if current_editor() is None:
            here = request.full_path if request.query_string else request.path
            return redirect(url_for("editors.login", next=here))
        return view(*args, **kwargs)

    return guarded


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: no redirects to other sites.

    >>> [safe_next(t) for t in ("/en/editors/", "//evil", "https://evil", "/\\\\evil", "/\\t/evil")]
    ['/en/editors/', None, None, None, None]
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or _CONTROL.intersection(target):  # browsers read "/\\x" as "//x"
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.route("/login", methods=["GET", "POST"])
def login(lang):
    """The sign-in form; failures in a row slow down further attempts."""
    target = safe_next(request.values.get("next")) or url_for("insights.overview", lang=lang)
    if current_editor() is not None:
        return redirect(target)
    if request.method == "GET":
        return render_template("editors/login.html", next=target, name="", error=None)
    name = request.form.get("name", "")[:200]
    password = request.form.get("password", "")
    secret = current_app.config["SECRET_KEY"]
    account = throttle_key(secret, "account", normalize_name(name))
    address = throttle_key(secret, "address", request.remote_addr or "")
    wait = blocked_for(store(), [account, address])
    if wait is None:
        editor = authenticate(store(), name, password)
        if editor is not None:
            clear(store(), account)
            session.clear()  # a fresh session: nothing carried over from before signing in
            session.permanent = True
            session[EDITOR_ID] = editor.id
            session[EDITOR_STAMP] = editor.session_stamp
            return redirect(target)
        record_failure(store(), account, ACCOUNT)
        record_failure(store(), address, ADDRESS)
        wait = blocked_for(store(), [account, address])
    # The same words whether or not the account exists.
    if wait is None:
        status, error = 200, gettext("The name or the password is wrong.")
    else:
        time = format_timedelta(_whole_seconds(wait), threshold=1, add_direction=False)
        status = 429
        error = gettext(
            "Too many failed sign-ins. Please wait %(time)s before trying again.", time=time
        )
    page = render_template("editors/login.html", next=target, name=name, error=error)
    return page, status


def _whole_seconds(wait: timedelta) -> timedelta:
    """A wait rounded up, so that 29.98 seconds reads "30 seconds", never less than it is."""
    return timedelta(seconds=math.ceil(wait.total_seconds()))


@bp.post("/logout")
@login_required
def logout(lang):
    """Sign out (a POST, so that no link or image can do it) and go to the home page. Every
    session of the editor ends, not only this cookie: a copy taken before opens nothing."""
    end_sessions(store(), current_editor().id)
    session.clear()
    return redirect(url_for("articles.home", lang=lang))
