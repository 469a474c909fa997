"""'Was this helpful?': votes on articles and walkthroughs, with or without JavaScript."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    get_flashed_messages,
    jsonify,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext, lazy_gettext

from kb.guidance.model import Walkthrough
from kb.guidance.specs import article_specs
from kb.store import NotKept
from kb.store.feedback import COMMENT_MAX, REASONS, Vote, record_vote, voter_hash
from kb.store.throttle import throttle_key
from kb.web.auth import safe_next
from kb.web.content import library
from kb.web.templating import current_lang

bp = Blueprint("feedback", __name__)
VOTER_COOKIE = "kb_voter"
_BLOCK_ID = re.compile(r"^[A-Za-z0-9_-]{0,100}$")
_BROWSER_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")  # before the "." and its signature

# Labels of the reasons (kb.store.feedback.REASONS), on the form and in the reports.
REASON_LABELS = {
    "outdated": lazy_gettext("Out of date"),
    "unclear": lazy_gettext("Unclear"),
    "wrong": lazy_gettext("Wrong"),
    "missing-case": lazy_gettext("A case is missing"),
    "other": lazy_gettext("Other"),
}
# Flask's hints say a template global is a function; any value works (Jinja's globals).
bp.add_app_template_global(REASON_LABELS, "feedback_reasons")  # type: ignore[arg-type]
bp.add_app_template_global(COMMENT_MAX, "comment_max")  # type: ignore[arg-type]


def reason_label(reason: str | None) -> str:
    """A stored reason in the reader's language; votes without one say so."""
    return str(REASON_LABELS.get(reason or "", lazy_gettext("No reason given")))


@bp.app_template_global()
def feedback_id(block: str) -> str:
    """The HTML id of a feedback form: one per article, and one per walkthrough in it."""
    return f"feedback-{block or 'article'}"


def _flash_key(lang: str, slug: str, block: str) -> str:
    return f"feedback:{lang}:{slug}:{block}"


@bp.app_template_global()
def feedback_thanks(slug: str, block: str = "") -> str | None:
    """The thank-you message for this form after a vote without JavaScript, shown once."""
    messages = get_flashed_messages(category_filter=[_flash_key(current_lang(), slug, block)])
    return str(messages[-1]) if messages else None  # the latest, if several votes were not shown


@bp.app_template_global()
def feedback_voter() -> str:
    """Give this browser a voter cookie with the page that holds the form, if it has none yet,
    so that its votes count once each however many it sends. Returns '' (for templates)."""
    if _browser_id() is None:
        g.kb_new_voter = secrets.token_urlsafe(18)
    return ""


@bp.after_app_request
def _set_voter_cookie(response):
    new_voter = g.pop("kb_new_voter", None)
    if new_voter is not None:
        response.set_cookie(
            VOTER_COOKIE,
            f"{new_voter}.{_signature(new_voter)}",
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


def _signature(browser_id: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"voter:{browser_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def _browser_id() -> str | None:
    """The id in the request's voter cookie if this site issued it: a made-up one does not
    count (a script could otherwise vote as many "browsers" as it likes)."""
    browser_id, _, signature = request.cookies.get(VOTER_COOKIE, "").partition(".")
    if not _BROWSER_ID.match(browser_id):
        return None
    return browser_id if hmac.compare_digest(signature, _signature(browser_id)) else None


def _takes_feedback(article, block: str) -> bool:
    """The article itself (''), or a walkthrough of it: the only things with the form."""
    return block == "" or isinstance(article_specs(article).get(block), Walkthrough)


@bp.post("/<lang:lang>/feedback")
def vote(lang):
    """Count a vote, then go back to the page (or answer JSON to the script that sent it)."""
    slug = request.form.get("slug", "")
    block = request.form.get("block", "")
    helpful = {"yes": True, "no": False}.get(request.form.get("helpful", ""))
    reason = request.form.get("reason") or None
    article = library().get(lang, slug)
    if article is None or helpful is None or not _BLOCK_ID.match(block):
        abort(400)
    if reason not in (None, *REASONS) or not _takes_feedback(article, block):
        abort(400)
    secret = current_app.config["SECRET_KEY"]
    address = request.remote_addr or ""
    browser_id = _browser_id()
    # Without the cookie (a client that keeps none), the address is the voter.
    voter = voter_hash(secret, browser_id if browser_id else f"address:{address}")
    try:
        counted = record_vote(
            current_app.extensions["kb_store"],
            lang=lang,
            slug=slug,
            block=block,
            voter=voter,
            helpful=helpful,
            reason=reason,
            comment=request.form.get("comment", "")[: COMMENT_MAX * 2],
            address=throttle_key(secret, "address", address),
            per_address=current_app.config["KB_VOTES_PER_ADDRESS"],
        )
    except NotKept:  # the database cannot take it (the store logs why): say so, not "thanks"
        counted = None
    if counted is Vote.COUNTED:
        message = gettext("Thank you for your feedback.")
    elif counted is None:
        message = gettext("Your feedback could not be saved just now. Please try again later.")
    elif counted is Vote.LIMITED:
        message = gettext(
            "Thank you. Many votes on this came from your network today, so this one was "
            "not counted."
        )
    else:
        message = gettext(
            "Thank you. You already gave feedback on this today, so it was not counted again."
        )
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        response = jsonify({"counted": counted is Vote.COUNTED, "message": message})
        if counted is None:
            response.status_code = 503  # feedback.js then posts the form itself: the same note
        return response
    flash(message, _flash_key(lang, slug, block))
    back = safe_next(request.form.get("next")) or url_for("articles.article", lang=lang, slug=slug)
    return redirect(back if "#" in back else f"{back}#{feedback_id(block)}")
